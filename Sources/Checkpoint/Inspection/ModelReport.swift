/// What `sdserve inspect` reports about a model file; encodes as the `--json` object.
public struct ModelReport: Sendable, Codable, Equatable {
    public var file: String
    public var format: ModelFileReader.Format
    public var fileBytes: Int
    /// A `ModelArchitecture` raw value, or `lora`, `vae`, `embedding`.
    public var architecture: String
    public var prediction: PredictionType?
    public var zeroTerminalSNR: Bool?
    public var layout: SourceLayout?
    public var latentScaleFactor: Float?
    /// Tensor count per stored dtype.
    public var dtypes: [String: Int]
    /// Parameter count per part: `unet`, `vae`, the text encoder roles, `other`.
    public var parameters: [String: Int]
    public var unet: UNetConfig?
    public var textEncoders: [TextEncoder]?
    public var vae: VAEConfig?
    public var lora: LoRASummary?
    public var embedding: EmbeddingSummary?
    /// safetensors `__metadata__`, or a pickle's scalar fields.
    public var metadata: [String: String]
}

/// A LoRA file described without a base model.
public struct LoRASummary: Sendable, Codable, Equatable {
    public var modules: Int
    /// Module count per form: `lora`, `loha`, `lokr`, `full`.
    public var forms: [String: Int]
    public var ranks: [Int]
    public var alphas: [Float]
    public var unetModules: Int
    public var textEncoderModules: Int
    /// The family the key names point at (`sdxl` when `lora_te2_`/`text_encoder_2` keys exist),
    /// or the trainer's `ss_base_model_version`.
    public var baseHint: String?
    public var usesDoRA: Bool
}

public struct EmbeddingSummary: Sendable, Codable, Equatable {
    public var name: String
    public var vectors: Int
    /// Vector width per text encoder role.
    public var widths: [String: Int]
    public var step: Int?
}
