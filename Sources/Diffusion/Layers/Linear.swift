import Tensor

/// `x · Wᵀ + b` with a weight prepared once at load.
public struct Linear: Sendable {
    public let weight: PreparedWeight
    public let bias: Tensor?

    public init(weight: PreparedWeight, bias: Tensor?) {
        self.weight = weight
        self.bias = bias
    }

    /// `[..., in]` -> `[..., out]`, then `residual + activation(y)` from the epilogue.
    public func callAsFunction(_ x: Tensor, backend: any Backend, epilogue: Epilogue = .none) throws -> Tensor {
        try backend.linear(x, weight: weight, bias: bias, epilogue: epilogue)
    }
}
