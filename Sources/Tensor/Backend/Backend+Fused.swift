/// Default implementations of the fused ops, composed from primitives, and the conveniences
/// model code reads best with. A backend overrides a fused op only when it is faster.
extension Backend {
    public func linear(_ x: Tensor, weight: PreparedWeight, bias: Tensor?, epilogue: Epilogue) throws -> Tensor {
        try apply(epilogue, to: linear(x, weight: weight, bias: bias))
    }

    public func conv2d(
        _ x: Tensor, weight: PreparedWeight, bias: Tensor?, options: Conv2DOptions, epilogue: Epilogue
    ) throws -> Tensor {
        try apply(epilogue, to: conv2d(x, weight: weight, bias: bias, options: options))
    }

    public func groupNorm(
        _ x: Tensor, groups: Int, weight: Tensor?, bias: Tensor?, eps: Float, activation: Activation?
    ) throws -> Tensor {
        let normed = try groupNorm(x, groups: groups, weight: weight, bias: bias, eps: eps)
        guard let activation else { return normed }
        return try self.activation(normed, activation)
    }

    /// `residual + activation(y)`, the unfused epilogue.
    public func apply(_ epilogue: Epilogue, to y: Tensor) throws -> Tensor {
        var result = y
        if let activation = epilogue.activation { result = try self.activation(result, activation) }
        if let residual = epilogue.residual {
            guard residual.shape == result.shape else {
                throw TensorError.shapeMismatch(op: "epilogue residual", expected: result.shape, got: residual.shape)
            }
            result = try binary(result, residual, .add)
        }
        return result
    }

    // MARK: Conveniences

    public func add(_ a: Tensor, _ b: Tensor) throws -> Tensor { try binary(a, b, .add) }
    public func sub(_ a: Tensor, _ b: Tensor) throws -> Tensor { try binary(a, b, .sub) }
    public func mul(_ a: Tensor, _ b: Tensor) throws -> Tensor { try binary(a, b, .mul) }
    public func div(_ a: Tensor, _ b: Tensor) throws -> Tensor { try binary(a, b, .div) }
    public func add(_ x: Tensor, scalar: Float) throws -> Tensor { try affine(x, scale: 1, offset: scalar) }
    public func mul(_ x: Tensor, scalar: Float) throws -> Tensor { try affine(x, scale: scalar, offset: 0) }

    public func silu(_ x: Tensor) throws -> Tensor { try activation(x, .silu) }
    public func gelu(_ x: Tensor, approximateTanh: Bool = false) throws -> Tensor {
        try activation(x, approximateTanh ? .geluTanh : .geluExact)
    }

    public func matmul(_ a: Tensor, _ b: Tensor) throws -> Tensor { try matmul(a, b, transposeB: false) }

    public func attention(q: Tensor, k: Tensor, v: Tensor) throws -> Tensor {
        try attention(q: q, k: k, v: v, scale: nil, causal: false)
    }

    /// Nearest ×2, the UNet/VAE upsampler.
    public func upsampleNearest2x(_ x: Tensor) throws -> Tensor {
        guard x.rank == 4 else {
            throw TensorError.invalidArgument(op: "upsampleNearest2x", reason: "expected NCHW, got \(x.shape)")
        }
        return try resizeNearest(x, height: x.shape[2] * 2, width: x.shape[3] * 2)
    }
}
