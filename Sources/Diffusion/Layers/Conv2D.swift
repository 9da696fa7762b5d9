import Tensor

/// A 2-D convolution with bias: `<prefix>.weight` `[out, in, k, k]` and `<prefix>.bias`.
public struct Conv2D: Sendable {
    public let weight: PreparedWeight
    public let bias: Tensor
    public let options: Conv2DOptions

    /// `padding` defaults to `kernel / 2` ("same" size at stride 1).
    public init(
        _ weights: WeightReader, inputs: Int, outputs: Int, kernel: Int, stride: Int = 1, padding: Int? = nil
    ) throws(DiffusionError) {
        weight = try weights.convWeight("weight", shape: [outputs, inputs, kernel, kernel])
        bias = try weights.parameter("bias", shape: [outputs])
        options = Conv2DOptions(stride: stride, padding: padding ?? kernel / 2)
    }

    /// NCHW in and out; `residual + activation(conv(x))` when an epilogue is given.
    public func callAsFunction(_ x: Tensor, backend: any Backend, epilogue: Epilogue = .none) throws -> Tensor {
        try backend.conv2d(x, weight: weight, bias: bias, options: options, epilogue: epilogue)
    }
}
