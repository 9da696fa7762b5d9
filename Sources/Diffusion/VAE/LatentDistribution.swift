import Foundation
import Tensor

/// The VAE posterior: a diagonal Gaussian per latent cell.
public struct LatentDistribution: Sendable {
    /// `[B, embed, h, w]`.
    public let mean: Tensor
    /// `[B, embed, h, w]`, clamped to [-30, 20] when sampling, as ldm does.
    public let logVariance: Tensor

    /// `mean + exp(logvar / 2) · noise` (A1111 samples the posterior; ComfyUI takes the mean).
    public func sample(noise: Tensor, backend: any Backend) throws -> Tensor {
        guard noise.shape == mean.shape else {
            throw DiffusionError.invalidInput(model: "VAE", argument: "noise", reason: "must have shape \(mean.shape), got \(noise.shape)")
        }
        let std = try Tensor(shape: mean.shape, values: logVariance.floats().map { Float(exp(Double(min(max($0, -30), 20)) / 2)) })
        return try backend.add(mean, backend.mul(std, noise))
    }
}
