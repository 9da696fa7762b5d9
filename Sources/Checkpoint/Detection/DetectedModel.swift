/// What a checkpoint is, derived from its canonical tensors.
public struct DetectedModel: Sendable, Equatable, Codable {
    public var architecture: ModelArchitecture
    public var prediction: PredictionType
    /// SDXL files with a `ztsnr` key were trained with a zero-terminal-SNR schedule.
    public var zeroTerminalSNR: Bool
    public var unet: UNetConfig
    /// In conditioning order; empty when the file carries no text encoder.
    public var textEncoders: [TextEncoder]
    /// Nil when the file carries no VAE.
    public var vae: VAEConfig?

    public init(
        architecture: ModelArchitecture, prediction: PredictionType, zeroTerminalSNR: Bool = false,
        unet: UNetConfig, textEncoders: [TextEncoder], vae: VAEConfig?
    ) {
        self.architecture = architecture
        self.prediction = prediction
        self.zeroTerminalSNR = zeroTerminalSNR
        self.unet = unet
        self.textEncoders = textEncoders
        self.vae = vae
    }

    public var latentScaleFactor: Float { architecture.family.latentScaleFactor }
}
