import Checkpoint
import Tensor

/// AUTOMATIC1111's "Approx cheap" live preview: each latent cell's four channels mapped to RGB
/// by a fixed 4×3 matrix (published constants, one set for SD1/SD2 and one for SDXL), then
/// `x·0.5 + 0.5` clamped to [0, 1]. The image has the latent's resolution (1/8 of the output).
public enum LatentPreview {
    /// Sampler-space latents `[B, 4, h, w]` -> RGB `[B, 3, h, w]` in [0, 1].
    public static func cheapApproximation(_ latents: Tensor, family: ModelFamily) throws(DiffusionError) -> Tensor {
        let matrix = coefficients(for: family)
        guard latents.rank == 4, latents.shape[1] == matrix.count else {
            throw .invalidInput(model: "LatentPreview", argument: "latents", reason: "must be [B, 4, h, w], got \(latents.shape)")
        }
        let (batch, cells) = (latents.shape[0], latents.shape[2] * latents.shape[3])
        let input = latents.floats()
        var rgb = [Float](repeating: 0, count: batch * 3 * cells)  // [B, 3, h, w]
        for b in 0..<batch {
            for cell in 0..<cells {
                for colour in 0..<3 {
                    var sum: Float = 0
                    for channel in 0..<matrix.count { sum += input[(b * matrix.count + channel) * cells + cell] * matrix[channel][colour] }
                    rgb[(b * 3 + colour) * cells + cell] = min(max(sum * 0.5 + 0.5, 0), 1)
                }
            }
        }
        do { return try Tensor(shape: [batch, 3, latents.shape[2], latents.shape[3]], values: rgb) } catch {
            throw .invalidInput(model: "LatentPreview", argument: "latents", reason: "\(error)")
        }
    }

    /// Rows are latent channels, columns R, G, B (A1111 `sd_vae_approx.cheap_approximation`).
    static func coefficients(for family: ModelFamily) -> [[Float]] {
        switch family {
        case .sd1, .sd2:
            [[0.298, 0.207, 0.208], [0.187, 0.286, 0.173], [-0.158, 0.189, 0.264], [-0.184, -0.271, -0.473]]
        case .sdxl, .sdxlRefiner:
            [[0.3448, 0.4168, 0.4395], [-0.1953, -0.0290, 0.0250], [0.1074, 0.0886, -0.0163], [-0.3730, -0.2499, -0.2088]]
        }
    }
}
