/// An LDM AutoencoderKL as derived from its tensors.
public struct VAEConfig: Sendable, Equatable, Codable {
    public var inChannels: Int
    public var outChannels: Int
    public var baseChannels: Int
    public var channelMult: [Int]
    public var numResBlocks: Int
    /// Channels of the latent the decoder consumes (`z_channels`).
    public var latentChannels: Int
    /// Channels between quant_conv and post_quant_conv (`embed_dim`).
    public var embedDim: Int

    public init(
        inChannels: Int, outChannels: Int, baseChannels: Int, channelMult: [Int], numResBlocks: Int,
        latentChannels: Int, embedDim: Int
    ) {
        self.inChannels = inChannels
        self.outChannels = outChannels
        self.baseChannels = baseChannels
        self.channelMult = channelMult
        self.numResBlocks = numResBlocks
        self.latentChannels = latentChannels
        self.embedDim = embedDim
    }

    /// Pixels per latent cell along each side (8 for every published SD VAE).
    public var downscaleFactor: Int { 1 << max(channelMult.count - 1, 0) }
}
