import CKernels

extension CPUBackend {
    public func activation(_ x: Tensor, _ kind: Activation) throws -> Tensor {
        let input = f32(x), result = uninitialized(x.shape)
        let source = floats(input), destination = floats(result)
        ParallelFor.ranges(x.count, costPerItem: 8) { ck_activation(destination, source, $0, $1, kind.kernelCode) }
        return result
    }

    public func geglu(_ x: Tensor) throws -> Tensor {
        guard let width = x.shape.last, width % 2 == 0 else {
            throw TensorError.invalidArgument(op: "geglu", reason: "last dim of \(x.shape) must be even")
        }
        let input = f32(x), result = uninitialized(Array(x.shape.dropLast()) + [width / 2])
        let source = floats(input), destination = floats(result)
        let rows = width == 0 ? 0 : x.count / width
        ParallelFor.ranges(rows, costPerItem: 8 * width) { ck_geglu_rows(destination, source, $0, $1, width / 2) }
        return result
    }

    public func affine(_ x: Tensor, scale: Float, offset: Float) throws -> Tensor {
        let input = f32(x), result = uninitialized(x.shape)
        let source = floats(input), destination = floats(result)
        ParallelFor.ranges(x.count) { ck_affine(destination, source, $0, $1, scale, offset) }
        return result
    }

    /// Broadcasting as rows: the last output dim is the row; each operand either walks it
    /// (step 1) or repeats one element (step 0), and each row's start comes from its strides.
    public func binary(_ a: Tensor, _ b: Tensor, _ op: BinaryOp) throws -> Tensor {
        let shape = try Shape.broadcast(a.shape, b.shape, op: "binary \(op.rawValue)")
        let result = uninitialized(shape)
        guard let width = shape.last, width > 0, result.count > 0 else {
            return shape.isEmpty ? try reference.binary(a, b, op) : result
        }
        let av = f32(a), bv = f32(b)
        let aStrides = Shape.broadcastStrides(a.shape, to: shape), bStrides = Shape.broadcastStrides(b.shape, to: shape)
        let rows = result.count / width
        let outer = Array(shape.dropLast()), outerStrides = Shape.strides(outer)
        var aRows = [Int](repeating: 0, count: rows), bRows = [Int](repeating: 0, count: rows)
        for r in 0..<rows {
            var ai = 0, bi = 0
            for d in 0..<outer.count {
                let index = (r / outerStrides[d]) % outer[d]
                ai += index * aStrides[d]
                bi += index * bStrides[d]
            }
            aRows[r] = ai
            bRows[r] = bi
        }
        let aStep = aStrides.last ?? 0, bStep = bStrides.last ?? 0
        let pa = floats(av), pb = floats(bv), destination = floats(result)
        aRows.withUnsafeBufferPointer { aRow in
            bRows.withUnsafeBufferPointer { bRow in
                ParallelFor.ranges(rows, costPerItem: width) { begin, end in
                    ck_binary_rows(destination, pa, pb, aRow.baseAddress, bRow.baseAddress, aStep, bStep, begin, end, width, op.kernelCode)
                }
            }
        }
        return result
    }
}

extension Activation {
    var kernelCode: Int32 {
        switch self {
        case .silu: Int32(CK_SILU.rawValue)
        case .geluExact: Int32(CK_GELU_EXACT.rawValue)
        case .geluTanh: Int32(CK_GELU_TANH.rawValue)
        case .quickGELU: Int32(CK_QUICK_GELU.rawValue)
        }
    }
}

extension BinaryOp {
    var kernelCode: Int32 {
        switch self {
        case .add: Int32(CK_ADD.rawValue)
        case .sub: Int32(CK_SUB.rawValue)
        case .mul: Int32(CK_MUL.rawValue)
        case .div: Int32(CK_DIV.rawValue)
        }
    }
}
