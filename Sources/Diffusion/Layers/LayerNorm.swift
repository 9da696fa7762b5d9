import Tensor

/// Layer norm over the last dimension with a per-channel affine.
public struct LayerNorm: Sendable {
    public let weight: Tensor
    public let bias: Tensor
    public let eps: Float

    public init(weight: Tensor, bias: Tensor, eps: Float) {
        self.weight = weight
        self.bias = bias
        self.eps = eps
    }

    public func callAsFunction(_ x: Tensor, backend: any Backend) throws -> Tensor {
        try backend.layerNorm(x, weight: weight, bias: bias, eps: eps)
    }
}
