import Tensor

/// A fully connected layer: `<prefix>.weight` `[out, in]` and, optionally, `<prefix>.bias`.
public struct Linear: Sendable {
    public let weight: PreparedWeight
    public let bias: Tensor?

    public init(_ weights: WeightReader, inputs: Int, outputs: Int, bias hasBias: Bool = true) throws(DiffusionError) {
        weight = try weights.linearWeight("weight", shape: [outputs, inputs])
        bias = hasBias ? try weights.parameter("bias", shape: [outputs]) : nil
    }

    public init(weight: PreparedWeight, bias: Tensor?) {
        self.weight = weight
        self.bias = bias
    }

    /// A 1x1 convolution (`weight` `[out, in, 1, 1]`, `bias`) applied as a linear layer on tokens.
    public init(conv1x1 weights: WeightReader, inputs: Int, outputs: Int) throws(DiffusionError) {
        weight = try weights.linearWeight(fromConv1x1: "weight", outputs: outputs, inputs: inputs)
        bias = try weights.parameter("bias", shape: [outputs])
    }

    /// `[..., in]` -> `[..., out]`, then `residual + activation(y)` when an epilogue is given.
    public func callAsFunction(_ x: Tensor, backend: any Backend, epilogue: Epilogue = .none) throws -> Tensor {
        try backend.linear(x, weight: weight, bias: bias, epilogue: epilogue)
    }
}
