/// The shape of one image's latent, [channels, height, width] (height/width = pixels / 8).
public struct LatentShape: Sendable, Equatable {
    public let channels: Int
    public let height: Int
    public let width: Int

    public init(channels: Int, height: Int, width: Int) throws {
        guard channels > 0, height > 0, width > 0 else {
            throw SamplingError.invalidLatentShape([channels, height, width])
        }
        self.channels = channels
        self.height = height
        self.width = width
    }

    public var count: Int { channels * height * width }
}
