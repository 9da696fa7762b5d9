/// The model families sdserve runs, named as `inspect --json` reports them.
public enum ModelArchitecture: String, Sendable, Codable, CaseIterable {
    case sd1
    case sd2
    case sd2V = "sd2-v"
    case sdxl
    case sdxlRefiner = "sdxl-refiner"
    case sd1Inpaint = "sd1-inpaint"
    case sd2Inpaint = "sd2-inpaint"
    case sdxlInpaint = "sdxl-inpaint"

    public var family: ModelFamily {
        switch self {
        case .sd1, .sd1Inpaint: .sd1
        case .sd2, .sd2V, .sd2Inpaint: .sd2
        case .sdxl, .sdxlInpaint: .sdxl
        case .sdxlRefiner: .sdxlRefiner
        }
    }

    public var isInpainting: Bool { self == .sd1Inpaint || self == .sd2Inpaint || self == .sdxlInpaint }
}

/// Architectures that share a UNet/text-encoder layout, before prediction type and
/// inpainting are considered.
public enum ModelFamily: String, Sendable, Codable {
    case sd1, sd2, sdxl, sdxlRefiner = "sdxl-refiner"

    /// Canonical text-encoder prefixes (HF CLIP layout under each), in conditioning order.
    public var textEncoderSlots: [(role: TextEncoderRole, prefix: String)] {
        switch self {
        case .sd1: [(.clipL, CanonicalPrefix.singleTextEncoder)]
        case .sd2: [(.clipH, CanonicalPrefix.singleTextEncoder)]
        case .sdxl: [(.clipL, CanonicalPrefix.embedder(0)), (.clipG, CanonicalPrefix.embedder(1))]
        case .sdxlRefiner: [(.clipG, CanonicalPrefix.embedder(0))]
        }
    }

    /// Latent scale factor applied before sampling (engine notes §1.5).
    public var latentScaleFactor: Float {
        switch self {
        case .sd1, .sd2: 0.18215
        case .sdxl, .sdxlRefiner: 0.13025
        }
    }
}

/// How the UNet's output is parameterised.
public enum PredictionType: String, Sendable, Codable {
    case epsilon
    case v
}

/// Key prefixes of the canonical layout: the original single-file (ldm/sgm) checkpoint layout,
/// with every text encoder in the HF CLIP layout at `<embedder>.transformer.`.
public enum CanonicalPrefix {
    public static let unet = "model.diffusion_model."
    public static let vae = "first_stage_model."
    /// SD1 and SD2: the one text encoder.
    public static let singleTextEncoder = "cond_stage_model.transformer."

    /// SDXL's conditioner embedders (0 = CLIP-L, 1 = OpenCLIP bigG; refiner: 0 = bigG).
    public static func embedder(_ index: Int) -> String { "conditioner.embedders.\(index).transformer." }
}
