import Tensor

/// SDXL's vector conditioning `y` for `label_emb`: the pooled text embedding followed by a
/// 256-wide sinusoidal embedding of each size value (sgm `ConcatTimestepEmbedderND`, diffusers
/// `add_time_proj`). Base models use (original h, w, crop top, left, target h, w): 2816 = 1280 +
/// 6·256; the refiner uses (original h, w, crop top, left, aesthetic score): 2560 = 1280 + 5·256.
public enum VectorConditioning {
    public static let featureWidth = 256

    /// `pooled` `[B, P]`, `values` one row per batch item -> `[B, P + n·256]`.
    public static func vector(pooled: Tensor, values: [[Float]], backend: any Backend) throws -> Tensor {
        guard pooled.rank == 2, values.count == pooled.shape[0], let n = values.first?.count, values.allSatisfy({ $0.count == n }) else {
            throw DiffusionError.invalidInput(
                model: "VectorConditioning", argument: "values",
                reason: "needs one equally long row per pooled embedding \(pooled.shape), got \(values.map(\.count))")
        }
        let batch = pooled.shape[0]
        let features = try sinusoidalEmbedding(values.flatMap { $0 }, dim: featureWidth)  // [B·n, 256]
        return try backend.concat([pooled, features.reshaped([batch, n * featureWidth])], dim: 1)  // [B, P + n·256]
    }

    /// The six values of an SDXL base model, in order.
    public static func baseValues(
        originalSize: (height: Int, width: Int), cropTopLeft: (top: Int, left: Int), targetSize: (height: Int, width: Int)
    ) -> [Float] {
        [originalSize.height, originalSize.width, cropTopLeft.top, cropTopLeft.left, targetSize.height, targetSize.width].map(Float.init)
    }
}
