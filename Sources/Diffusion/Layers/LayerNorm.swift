import Tensor

/// Layer normalisation over the last dimension with `<prefix>.weight` and `<prefix>.bias`.
public struct LayerNorm: Sendable {
    public let weight: Tensor
    public let bias: Tensor
    public let eps: Float

    public init(_ weights: WeightReader, channels: Int, eps: Float = 1e-5) throws(DiffusionError) {
        weight = try weights.parameter("weight", shape: [channels])
        bias = try weights.parameter("bias", shape: [channels])
        self.eps = eps
    }

    public init(weight: Tensor, bias: Tensor, eps: Float) {
        self.weight = weight
        self.bias = bias
        self.eps = eps
    }

    public func callAsFunction(_ x: Tensor, backend: any Backend) throws -> Tensor {
        try backend.layerNorm(x, weight: weight, bias: bias, eps: eps)
    }
}
