/// The kinds of model files sdserve lists, with the folder names and file extensions each is
/// found under. sdserve's own folder names come first; AUTOMATIC1111's are accepted as well.
public enum ModelKind: String, Sendable, CaseIterable, Codable {
    case checkpoint
    case lora
    case vae
    case embedding

    /// Sub-folders of `--models-dir` searched for this kind.
    public var folderNames: [String] {
        switch self {
        case .checkpoint: ["checkpoints", "Stable-diffusion"]
        case .lora: ["loras", "Lora", "LyCORIS"]
        case .vae: ["vae", "VAE"]
        case .embedding: ["embeddings"]
        }
    }

    /// Lower-cased file extensions (without the dot) that count as this kind.
    public var fileExtensions: Set<String> {
        switch self {
        case .checkpoint: ["safetensors", "ckpt"]
        case .lora: ["safetensors", "pt", "ckpt"]
        case .vae: ["safetensors", "pt", "ckpt"]
        case .embedding: ["safetensors", "pt", "bin"]
        }
    }

    /// Whether files of this kind get a whole-file SHA-256 (A1111 hashes checkpoints and VAEs
    /// this way; LoRA and embedding hashes use other formulas computed where they are loaded).
    public var isHashedWholeFile: Bool { self == .checkpoint || self == .vae }

    /// The key used for this kind in ComfyUI's `extra_model_paths.yaml`.
    public var extraModelPathsKey: String {
        switch self {
        case .checkpoint: "checkpoints"
        case .lora: "loras"
        case .vae: "vae"
        case .embedding: "embeddings"
        }
    }

    /// A word for messages ("checkpoint", "LoRA", ...).
    public var displayName: String {
        switch self {
        case .checkpoint: "checkpoint"
        case .lora: "LoRA"
        case .vae: "VAE"
        case .embedding: "embedding"
        }
    }
}
