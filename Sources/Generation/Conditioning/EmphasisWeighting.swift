import Tensor

/// A1111's emphasis after the transformer (`sd_emphasis.EmphasisOriginal.after_transformers`):
/// each token's hidden state is multiplied by its weight; `Original` then rescales everything
/// so the mean over the whole batch tensor equals the mean before weighting.
enum EmphasisWeighting {
    /// `z` `[B, T, D]`, `weights` `[B][T]`.
    static func apply(_ z: Tensor, weights: [[Float]], mode: EmphasisMode, backend: any Backend) throws -> Tensor {
        guard mode == .original || mode == .noNorm else { return z }
        let (B, T) = (z.shape[0], z.shape[1])
        let multipliers = try Tensor(shape: [B, T, 1], values: weights.flatMap { $0 })
        let weighted = try backend.binary(z, multipliers, .mul)  // [B, T, D]
        guard mode == .original else { return weighted }
        let originalMean = try backend.mean(z, dims: [0, 1, 2], keepDims: false).floats()[0]
        let newMean = try backend.mean(weighted, dims: [0, 1, 2], keepDims: false).floats()[0]
        return try backend.affine(weighted, scale: originalMean / newMean, offset: 0)
    }
}
