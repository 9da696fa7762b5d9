/// Every canonical key of a checkpoint with its shape, for given configs. Model code loads by
/// these keys; `make-test-model` writes them; tests compare them with published layouts.
public struct CheckpointLayout: Sendable, Equatable {
    public let shapes: [String: [Int]]

    /// Throws when a config's per-level lists disagree in length.
    public init(unet: UNetConfig?, textEncoders: [TextEncoder], vae: VAEConfig?) throws(CheckpointError) {
        if let unet, let problem = unet.inconsistency {
            throw .malformed(file: "UNetConfig", key: nil, reason: problem)
        }
        if let vae, vae.channelMult.isEmpty {
            throw .malformed(file: "VAEConfig", key: nil, reason: "channelMult is empty")
        }
        var builder = LayoutBuilder()
        if let unet { UNetLayout.add(unet, prefix: CanonicalPrefix.unet, to: &builder) }
        for encoder in textEncoders { CLIPLayout.add(encoder.config, prefix: encoder.prefix, to: &builder) }
        if let vae { VAELayout.add(vae, prefix: CanonicalPrefix.vae, to: &builder) }
        shapes = builder.shapes
    }

    public init(_ model: DetectedModel) throws(CheckpointError) {
        try self.init(unet: model.unet, textEncoders: model.textEncoders, vae: model.vae)
    }

    /// Keys in a stable order.
    public var keys: [String] { shapes.keys.sorted() }
}
