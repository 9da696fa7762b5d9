/// Which text encoder a slot holds; decides the activation and how prompts are encoded.
public enum TextEncoderRole: String, Sendable, Codable {
    /// OpenAI CLIP ViT-L/14 (SD1, SDXL's first encoder).
    case clipL = "clip_l"
    /// OpenCLIP ViT-H/14 (SD2).
    case clipH = "clip_h"
    /// OpenCLIP ViT-bigG/14 (SDXL's second encoder, the refiner's only one).
    case clipG = "clip_g"

    public var activation: CLIPActivation { self == .clipL ? .quickGELU : .gelu }
}

public enum CLIPActivation: String, Sendable, Codable {
    /// x·σ(1.702x), OpenAI's CLIP.
    case quickGELU = "quick_gelu"
    /// Exact GELU, OpenCLIP.
    case gelu
}

/// A CLIP text transformer as derived from its tensors.
public struct CLIPConfig: Sendable, Equatable, Codable {
    public var layers: Int
    public var width: Int
    /// Not visible in shapes: 64-wide heads when the width allows (all published encoders),
    /// else 8-wide heads (tiny test encoders), else one head.
    public var heads: Int
    public var intermediateSize: Int
    public var vocabSize: Int
    public var maxPositions: Int
    /// Output width of `text_projection` (pooled embedding); nil when the file has none.
    public var projectionDim: Int?
    public var activation: CLIPActivation

    public init(
        layers: Int, width: Int, heads: Int, intermediateSize: Int, vocabSize: Int, maxPositions: Int,
        projectionDim: Int?, activation: CLIPActivation
    ) {
        self.layers = layers
        self.width = width
        self.heads = heads
        self.intermediateSize = intermediateSize
        self.vocabSize = vocabSize
        self.maxPositions = maxPositions
        self.projectionDim = projectionDim
        self.activation = activation
    }

    /// The head-count convention described on `heads`.
    public static func conventionalHeads(width: Int) -> Int {
        if width % 64 == 0 { return width / 64 }
        if width % 8 == 0 { return width / 8 }
        return 1
    }
}

/// One text encoder of a checkpoint: its role, canonical key prefix and config.
public struct TextEncoder: Sendable, Equatable, Codable {
    public var role: TextEncoderRole
    /// Canonical prefix; keys below it follow the HF CLIP layout (`text_model.…`, `text_projection.weight`).
    public var prefix: String
    public var config: CLIPConfig

    public init(role: TextEncoderRole, prefix: String, config: CLIPConfig) {
        self.role = role
        self.prefix = prefix
        self.config = config
    }
}
