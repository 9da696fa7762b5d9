import Tensor

/// Group normalisation with a per-channel affine (`<prefix>.weight`, `<prefix>.bias`). The SD
/// models always use 32 groups; eps is 1e-5 in UNet ResBlocks and 1e-6 in transformers and the VAE.
public struct GroupNorm: Sendable {
    public let weight: Tensor
    public let bias: Tensor
    public let groups: Int
    public let eps: Float

    public init(_ weights: WeightReader, channels: Int, groups: Int = 32, eps: Float) throws(DiffusionError) {
        guard channels % groups == 0 else {
            throw .invalidConfig(model: weights.prefix, reason: "\(channels) channels do not split into \(groups) groups")
        }
        weight = try weights.parameter("weight", shape: [channels])
        bias = try weights.parameter("bias", shape: [channels])
        self.groups = groups
        self.eps = eps
    }

    /// `[N, C, ...]` -> same shape, optionally followed by an activation (fused where the backend can).
    public func callAsFunction(_ x: Tensor, backend: any Backend, activation: Activation? = nil) throws -> Tensor {
        try backend.groupNorm(x, groups: groups, weight: weight, bias: bias, eps: eps, activation: activation)
    }
}
