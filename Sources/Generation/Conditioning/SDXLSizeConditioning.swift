import Foundation
import Tensor

/// The micro-conditioning SDXL appends to its pooled text embedding in `y`
/// (engine-notes.md §2.5; A1111 `sd_models_xl.get_learned_conditioning`).
public struct SDXLSizeConditioning: Sendable, Equatable {
    /// `original_size_as_tuple`; A1111 passes the generation size.
    public var originalWidth: Int
    public var originalHeight: Int
    /// `crop_coords_top_left`: A1111's `sdxl_crop_top` / `sdxl_crop_left` (default 0).
    public var cropTop: Int
    public var cropLeft: Int
    /// `target_size_as_tuple`; A1111 passes the generation size.
    public var targetWidth: Int
    public var targetHeight: Int
    /// Refiner only: `sdxl_refiner_high_aesthetic_score` (6.0) for positive prompts,
    /// `sdxl_refiner_low_aesthetic_score` (2.5) for negative ones.
    public var aestheticScore: Double

    public init(
        originalWidth: Int, originalHeight: Int, cropTop: Int = 0, cropLeft: Int = 0,
        targetWidth: Int, targetHeight: Int, aestheticScore: Double
    ) {
        self.originalWidth = originalWidth
        self.originalHeight = originalHeight
        self.cropTop = cropTop
        self.cropLeft = cropLeft
        self.targetWidth = targetWidth
        self.targetHeight = targetHeight
        self.aestheticScore = aestheticScore
    }

    /// What A1111 passes for an image of `width × height`: that size as original and target,
    /// the crop options, and the aesthetic score for the prompt's side.
    public static func a1111(
        width: Int, height: Int, isNegative: Bool, cropTop: Int = 0, cropLeft: Int = 0,
        highAestheticScore: Double = 6.0, lowAestheticScore: Double = 2.5
    ) -> SDXLSizeConditioning {
        SDXLSizeConditioning(
            originalWidth: width, originalHeight: height, cropTop: cropTop, cropLeft: cropLeft,
            targetWidth: width, targetHeight: height, aestheticScore: isNegative ? lowAestheticScore : highAestheticScore)
    }

    /// Base model: `[E(h), E(w), E(crop top), E(crop left), E(target h), E(target w)]`, 1536 values.
    public var baseEmbedding: [Float] {
        [originalHeight, originalWidth, cropTop, cropLeft, targetHeight, targetWidth].flatMap { Self.embed(Double($0)) }
    }

    /// Refiner: `[E(h), E(w), E(crop top), E(crop left), E(aesthetic score)]`, 1280 values.
    public var refinerEmbedding: [Float] {
        [Double(originalHeight), Double(originalWidth), Double(cropTop), Double(cropLeft), aestheticScore].flatMap { Self.embed($0) }
    }

    /// sgm's `timestep_embedding(v, 256)`: `[cos(v·fᵢ), sin(v·fᵢ)]`, fᵢ = exp(−ln(10⁴)·i/128),
    /// evaluated in f32 in the same order as PyTorch.
    static func embed(_ value: Double, dim: Int = 256) -> [Float] {
        let half = dim / 2
        let scale = Float(-log(10000.0))
        let arguments = (0..<half).map { i in Float(value) * Foundation.exp(scale * Float(i) / Float(half)) }
        return arguments.map { Foundation.cos($0) } + arguments.map { Foundation.sin($0) }
    }
}
