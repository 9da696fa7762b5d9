import CDNNL

extension CPUBackend {
    /// Rows used to let oneDNN choose a weight layout at load time, before the real row count
    /// is known; the layout depends on `[in, out]` and the ISA, not on the rows.
    static let layoutProbeRows = 256

    public func prepareLinearWeight(_ weight: Tensor) throws -> PreparedWeight {
        guard weight.rank == 2 else {
            throw TensorError.invalidArgument(op: "prepareLinearWeight", reason: "expected [out, in], got \(weight.shape)")
        }
        let (n, k) = (weight.shape[0], weight.shape[1])
        let source = try operandSource(weight)
        // W [out, in] row-major is the matmul's B [in, out] with strides (1, in).
        let sourceDescriptor = try DNNLMemory.descriptor([k, n], dnnl_f32, strides: [1, k])
        var op = try matmulDescriptor(rows: Self.layoutProbeRows, k: k, n: n, weights: DNNLMemory.any([k, n], operandType), bias: false)
        let probe = try DNNLPrimitive(op: &op, attributes: nil, engine: engine, context: "linear \(weight.shape) layout")
        let target = probe.memoryDescriptor(dnnl_query_weights_md)
        let prepared = try DNNLWeight.reordered(
            source, sourceDescriptor: sourceDescriptor, into: target, compactType: compactType(storedAs: weight.dtype), shape: weight.shape,
            precision: precision, engine: engine)
        return PreparedWeight(original: weight, backendData: prepared)
    }

    public func linear(_ x: Tensor, weight: PreparedWeight, bias: Tensor?) throws -> Tensor {
        try linear(x, weight: weight, bias: bias, epilogue: .none)
    }

    /// `residual + activation(x·Wᵀ + bias)` as one oneDNN matmul with post-ops.
    public func linear(_ x: Tensor, weight: PreparedWeight, bias: Tensor?, epilogue: Epilogue) throws -> Tensor {
        let w = try dnnlWeight(weight, prepare: prepareLinearWeight)
        let (n, k) = (w.shape[0], w.shape[1])
        guard x.rank >= 1, x.shape[x.rank - 1] == k else {
            throw TensorError.shapeMismatch(op: "linear", expected: [k], got: x.shape)
        }
        let m = x.count / max(k, 1)
        let outputShape = Array(x.shape.dropLast()) + [n]
        let biasVector = try vector(bias, count: n, op: "linear bias")
        let result = try destination(outputShape, residual: epilogue.residual, op: "linear residual")
        guard m > 0, n > 0 else { return result }
        let key = "linear \(m) \(k) \(n) \(bias != nil) \(epilogue.activation?.rawValue ?? "-") \(epilogue.residual != nil) \(precision)"
        let plan = try cache.value(for: key) {
            let attributes = try DNNLAttributes(activation: epilogue.activation, accumulate: epilogue.residual != nil)
            return try WeightBinding.primitive(
                prepared: w.descriptor, any: DNNLMemory.any([k, n], operandType), engine: engine
            ) { layout in
                var op = try matmulDescriptor(rows: m, k: k, n: n, weights: layout, bias: bias != nil)
                return try DNNLPrimitive(op: &op, attributes: attributes, engine: engine, context: "linear \(m)x\(k)x\(n)")
            }
        }
        let (primitive, weights) = plan
        let input = try operand(x)
        var arguments = [
            argument(DNNL_ARG_SRC, try DNNLMemory.rowMajor([m, k], operandType), input),
            argument(DNNL_ARG_DST, try DNNLMemory.rowMajor([m, n], dnnl_f32), result),
        ]
        if let biasVector { arguments.append(argument(DNNL_ARG_BIAS, try DNNLMemory.rowMajor([1, n], dnnl_f32), biasVector)) }
        try weights.withBytes(of: w, scratch: scratch, engine: engine) { weightBytes in
            arguments.append(.init(slot: DNNL_ARG_WEIGHTS, descriptor: weights.layout, pointer: weightBytes))
            try withExtendedLifetime((input, biasVector)) { try primitive.execute(arguments, engine: engine) }
        }
        return result
    }

    /// A 2-D matmul `[rows, k] · [k, n] -> [rows, n]`, f32 output, optional `[1, n]` bias.
    func matmulDescriptor(rows: Int, k: Int, n: Int, weights: dnnl_memory_desc_t, bias: Bool) throws -> dnnl_matmul_desc_t {
        var src = try DNNLMemory.rowMajor([rows, k], operandType)
        var wei = weights
        var dst = try DNNLMemory.rowMajor([rows, n], dnnl_f32)
        var biasDescriptor = bias ? try DNNLMemory.rowMajor([1, n], dnnl_f32) : dnnl_memory_desc_t()
        var op = dnnl_matmul_desc_t()
        try withUnsafePointer(to: &biasDescriptor) { biasPointer in
            try dnnlCheck(
                dnnl_matmul_desc_init(&op, &src, &wei, bias ? biasPointer : nil, &dst), "matmul_desc_init", "\(rows)x\(k)x\(n)")
        }
        return op
    }

    /// An f32 weight source for preparation: rounded to bf16 values in emulated bf16, so the
    /// prepared weight carries bf16 numerics whichever way it is stored.
    func operandSource(_ weight: Tensor) throws -> Tensor {
        usesNativeBF16 ? f32(weight) : try operand(weight)
    }

    /// The output tensor: a fresh one, or a copy of the residual that a `sum` post-op adds to.
    func destination(_ shape: [Int], residual: Tensor?, op: String) throws -> Tensor {
        guard let residual else { return uninitialized(shape) }
        guard residual.shape == shape else { throw TensorError.shapeMismatch(op: op, expected: shape, got: residual.shape) }
        let result = uninitialized(shape)
        let source = f32(residual)
        result.rawPointer.copyMemory(from: source.rawPointer, byteCount: result.byteCount)
        return result
    }
}
