import CDNNL

extension CPUBackend {
    /// Batched `a · b` (or `a · bᵀ`) as one oneDNN matmul; leading batch dims broadcast
    /// (size-1 dims on either side). `bᵀ` is read in place through strides, never copied.
    public func matmul(_ a: Tensor, _ b: Tensor, transposeB: Bool) throws -> Tensor {
        guard a.rank >= 2, b.rank >= 2 else {
            throw TensorError.invalidArgument(op: "matmul", reason: "operands need rank >= 2: \(a.shape), \(b.shape)")
        }
        let (m, k) = (a.shape[a.rank - 2], a.shape[a.rank - 1])
        let (bRows, bCols) = (b.shape[b.rank - 2], b.shape[b.rank - 1])
        let (kb, n) = transposeB ? (bCols, bRows) : (bRows, bCols)
        guard k == kb else { throw TensorError.shapeMismatch(op: "matmul", expected: a.shape, got: b.shape) }
        let batch = try Shape.broadcast(Array(a.shape.dropLast(2)), Array(b.shape.dropLast(2)), op: "matmul")
        let rank = batch.count + 2
        let aShape = padded(a.shape, to: rank), bShape = padded(b.shape, to: rank)
        let result = uninitialized(batch + [m, n])
        guard result.count > 0 else { return result }
        guard k > 0 else { return try reference.matmul(a, b, transposeB: transposeB) }
        // B as the logical [..., k, n]: row-major, or [..., n, k] read with swapped strides.
        var bStrides = Shape.strides(bShape)
        var bLogical = bShape
        if transposeB {
            bStrides.swapAt(rank - 2, rank - 1)
            bLogical.swapAt(rank - 2, rank - 1)
        }
        let aDescriptor = try DNNLMemory.rowMajor(aShape, operandType)
        let bDescriptor = try DNNLMemory.descriptor(bLogical, operandType, strides: bStrides)
        let cDescriptor = try DNNLMemory.rowMajor(batch + [m, n], dnnl_f32)
        let key = "matmul \(aShape) \(bShape) \(transposeB) \(precision)"
        let plan = try cache.value(for: key) {
            var src = aDescriptor, wei = bDescriptor, dst = cDescriptor
            var op = dnnl_matmul_desc_t()
            try dnnlCheck(dnnl_matmul_desc_init(&op, &src, &wei, nil, &dst), "matmul_desc_init", key)
            return try DNNLPrimitive(op: &op, attributes: nil, engine: engine, context: key)
        }
        let left = try operand(a), right = try operand(b)
        try plan.execute([
            argument(DNNL_ARG_SRC, aDescriptor, left),
            argument(DNNL_ARG_WEIGHTS, bDescriptor, right),
            argument(DNNL_ARG_DST, cDescriptor, result),
        ], engine: engine)
        return result
    }

    private func padded(_ shape: [Int], to rank: Int) -> [Int] {
        [Int](repeating: 1, count: rank - shape.count) + shape
    }
}
