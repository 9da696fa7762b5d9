import Tensor

/// A fully connected layer: `<prefix>.weight` `[out, in]` and, optionally, `<prefix>.bias`.
public struct Linear: Sendable {
    public let weight: PreparedWeight
    public let bias: Tensor?

    public init(_ weights: WeightReader, inputs: Int, outputs: Int, bias hasBias: Bool = true) throws(DiffusionError) {
        weight = try weights.linearWeight("weight", shape: [outputs, inputs])
        bias = hasBias ? try weights.parameter("bias", shape: [outputs]) : nil
    }

    /// `[..., in]` -> `[..., out]`, then `residual + activation(y)` when an epilogue is given.
    public func callAsFunction(_ x: Tensor, backend: any Backend, epilogue: Epilogue = .none) throws -> Tensor {
        try backend.linear(x, weight: weight, bias: bias, epilogue: epilogue)
    }
}
