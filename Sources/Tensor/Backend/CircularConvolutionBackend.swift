/// Another backend whose every convolution pads circularly (`padding_mode='circular'`):
/// a model run on it tiles seamlessly, as A1111's `tiling` does by switching each Conv2d.
/// Weights prepared by `base` work unchanged; every other op is `base`'s own.
public struct CircularConvolutionBackend: Backend {
    public let base: any Backend

    public init(base: any Backend) {
        self.base = base
    }

    public var precision: Precision { base.precision }

    public func conv2d(_ x: Tensor, weight: PreparedWeight, bias: Tensor?, options: Conv2DOptions) throws -> Tensor {
        try base.conv2d(x, weight: weight, bias: bias, options: Self.circular(options))
    }

    public func conv2d(
        _ x: Tensor, weight: PreparedWeight, bias: Tensor?, options: Conv2DOptions, epilogue: Epilogue
    ) throws -> Tensor {
        try base.conv2d(x, weight: weight, bias: bias, options: Self.circular(options), epilogue: epilogue)
    }

    static func circular(_ options: Conv2DOptions) -> Conv2DOptions {
        var options = options
        options.paddingMode = .circular
        return options
    }

    // Everything else is forwarded.

    public func prepareLinearWeight(_ weight: Tensor) throws -> PreparedWeight { try base.prepareLinearWeight(weight) }
    public func preparedByteCount(storedAs dtype: DType, count: Int) -> Int { base.preparedByteCount(storedAs: dtype, count: count) }
    public func prepareConvWeight(_ weight: Tensor) throws -> PreparedWeight { try base.prepareConvWeight(weight) }
    public func linear(_ x: Tensor, weight: PreparedWeight, bias: Tensor?) throws -> Tensor {
        try base.linear(x, weight: weight, bias: bias)
    }
    public func linear(_ x: Tensor, weight: PreparedWeight, bias: Tensor?, epilogue: Epilogue) throws -> Tensor {
        try base.linear(x, weight: weight, bias: bias, epilogue: epilogue)
    }
    public func matmul(_ a: Tensor, _ b: Tensor, transposeB: Bool) throws -> Tensor { try base.matmul(a, b, transposeB: transposeB) }
    public func attention(q: Tensor, k: Tensor, v: Tensor, scale: Float?, causal: Bool) throws -> Tensor {
        try base.attention(q: q, k: k, v: v, scale: scale, causal: causal)
    }
    public func groupNorm(_ x: Tensor, groups: Int, weight: Tensor?, bias: Tensor?, eps: Float) throws -> Tensor {
        try base.groupNorm(x, groups: groups, weight: weight, bias: bias, eps: eps)
    }
    public func groupNorm(
        _ x: Tensor, groups: Int, weight: Tensor?, bias: Tensor?, eps: Float, activation: Activation?
    ) throws -> Tensor {
        try base.groupNorm(x, groups: groups, weight: weight, bias: bias, eps: eps, activation: activation)
    }
    public func layerNorm(_ x: Tensor, weight: Tensor?, bias: Tensor?, eps: Float) throws -> Tensor {
        try base.layerNorm(x, weight: weight, bias: bias, eps: eps)
    }
    public func softmax(_ x: Tensor) throws -> Tensor { try base.softmax(x) }
    public func mean(_ x: Tensor, dims: [Int], keepDims: Bool) throws -> Tensor { try base.mean(x, dims: dims, keepDims: keepDims) }
    public func variance(_ x: Tensor, dims: [Int], correction: Int, keepDims: Bool) throws -> Tensor {
        try base.variance(x, dims: dims, correction: correction, keepDims: keepDims)
    }
    public func activation(_ x: Tensor, _ kind: Activation) throws -> Tensor { try base.activation(x, kind) }
    public func geglu(_ x: Tensor) throws -> Tensor { try base.geglu(x) }
    public func binary(_ a: Tensor, _ b: Tensor, _ op: BinaryOp) throws -> Tensor { try base.binary(a, b, op) }
    public func affine(_ x: Tensor, scale: Float, offset: Float) throws -> Tensor { try base.affine(x, scale: scale, offset: offset) }
    public func convert(_ x: Tensor, to dtype: DType) throws -> Tensor { try base.convert(x, to: dtype) }
    public func concat(_ tensors: [Tensor], dim: Int) throws -> Tensor { try base.concat(tensors, dim: dim) }
    public func slice(_ x: Tensor, dim: Int, start: Int, end: Int) throws -> Tensor { try base.slice(x, dim: dim, start: start, end: end) }
    public func permute(_ x: Tensor, _ dims: [Int]) throws -> Tensor { try base.permute(x, dims) }
    public func pad(_ x: Tensor, before: [Int], after: [Int]) throws -> Tensor { try base.pad(x, before: before, after: after) }
    public func embedding(_ table: Tensor, indices: [Int]) throws -> Tensor { try base.embedding(table, indices: indices) }
    public func resizeNearest(_ x: Tensor, height: Int, width: Int) throws -> Tensor {
        try base.resizeNearest(x, height: height, width: width)
    }
    public func resize(_ x: Tensor, height: Int, width: Int, mode: ResizeMode) throws -> Tensor {
        try base.resize(x, height: height, width: width, mode: mode)
    }
}
