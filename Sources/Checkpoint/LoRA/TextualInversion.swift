import Tensor

/// A textual-inversion embedding: one or more token vectors per text encoder.
public struct TextualInversion: Sendable {
    /// The token to write in prompts: the file's `name` field, else the file stem.
    public let name: String
    /// `[vectors, width]` per encoder role. SD1/SD2 files hold one tensor, assigned by width to
    /// the given encoders, or without encoders by the published widths (768 → CLIP-L,
    /// 1024 → OpenCLIP-H, 1280 → bigG); SDXL files hold `clip_l` and `clip_g`.
    public let vectors: [TextEncoderRole: Tensor]
    /// Training step, when the file records it.
    public let step: Int?
    /// Name of the checkpoint it was trained on, when recorded.
    public let checkpointName: String?

    public var vectorCount: Int { vectors.values.first?.shape.first ?? 0 }

    /// Reads an embedding from a `.pt` (A1111 `string_to_param`) or `.safetensors`
    /// (`emb_params`, or `clip_l`/`clip_g`) file.
    public init(
        source: any TensorSource, scalars: [String: String] = [:], stem: String, encoders: [TextEncoder] = []
    ) throws(CheckpointError) {
        var vectors: [TextEncoderRole: Tensor] = [:]
        if source.has("clip_l") || source.has("clip_g") {
            if source.has("clip_l") { vectors[.clipL] = try Self.matrix(source, "clip_l") }
            if source.has("clip_g") { vectors[.clipG] = try Self.matrix(source, "clip_g") }
        } else {
            let candidates = source.keys.filter { $0.hasPrefix("string_to_param.") || $0 == "emb_params" }.sorted()
            let key = candidates.first ?? (source.infos.count == 1 ? source.keys.first : nil)
            guard let key else {
                throw .malformed(file: source.fileName, key: nil,
                                 reason: "no embedding vectors (expected string_to_param, emb_params, or clip_l/clip_g)")
            }
            let matrix = try Self.matrix(source, key)
            let published: [Int: TextEncoderRole] = [768: .clipL, 1024: .clipH, 1280: .clipG]
            let role = encoders.isEmpty
                ? published[matrix.shape[1]]
                : encoders.first { $0.config.width == matrix.shape[1] }?.role
            guard let role else {
                throw .unsupported(file: source.fileName, key: key, feature: "an embedding of width \(matrix.shape[1])",
                                   hint: "The embedding was trained for another model; its width must match a text encoder.")
            }
            vectors[role] = matrix
        }
        self.name = scalars["name"] ?? stem
        self.vectors = vectors
        step = scalars["step"].flatMap { Int($0) }
        checkpointName = scalars["sd_checkpoint_name"]
    }

    private static func matrix(_ source: any TensorSource, _ key: String) throws(CheckpointError) -> Tensor {
        let tensor = try source.tensor(key)
        switch tensor.rank {
        case 2: return tensor
        case 1:
            do { return try tensor.reshaped([1, tensor.count]) } catch { throw .malformed(file: source.fileName, key: key, reason: "\(error)") }
        default:
            throw .malformed(file: source.fileName, key: key, reason: "embedding vectors must be [count, width], got \(tensor.shape)")
        }
    }
}
