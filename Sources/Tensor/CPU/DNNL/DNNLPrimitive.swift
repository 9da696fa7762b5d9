import CDNNL

/// A primitive descriptor and its primitive, destroyed together. Immutable after creation,
/// so it is shared between threads (oneDNN primitives are thread-safe to execute).
final class DNNLPrimitive: @unchecked Sendable {
    let descriptor: dnnl_primitive_desc_t
    let primitive: dnnl_primitive_t
    let context: String

    /// Takes ownership of `descriptor` (destroyed on failure too).
    init(descriptor: dnnl_primitive_desc_t, context: String) throws {
        var primitive: dnnl_primitive_t?
        let status = dnnl_primitive_create(&primitive, descriptor)
        guard status == dnnl_success, let primitive else {
            dnnl_primitive_desc_destroy(descriptor)
            throw DNNLError(call: "primitive_create", context: context, status: Int(status.rawValue))
        }
        self.descriptor = descriptor
        self.primitive = primitive
        self.context = context
    }

    /// Creates the descriptor from an op descriptor (`dnnl_convolution_desc_t`, ...) and attributes.
    convenience init<OpDesc>(op: inout OpDesc, attributes: DNNLAttributes?, engine: DNNLEngine, context: String) throws {
        var pd: dnnl_primitive_desc_t?
        try withUnsafeMutablePointer(to: &op) { opPointer in
            try dnnlCheck(
                dnnl_primitive_desc_create(&pd, opPointer, attributes?.handle, engine.handle, nil),
                "primitive_desc_create", context)
        }
        try self.init(descriptor: pd!, context: context)
    }

    /// A reorder (layout and/or type conversion) from `source` to `destination`.
    static func reorder(from source: dnnl_memory_desc_t, to destination: dnnl_memory_desc_t, engine: DNNLEngine) throws -> DNNLPrimitive {
        var src = source, dst = destination
        var pd: dnnl_primitive_desc_t?
        try dnnlCheck(
            dnnl_reorder_primitive_desc_create(&pd, &src, engine.handle, &dst, engine.handle, nil), "reorder", "reorder")
        return try DNNLPrimitive(descriptor: pd!, context: "reorder")
    }

    /// The layout the primitive chose for one of its operands.
    func memoryDescriptor(_ query: dnnl_query_t) -> dnnl_memory_desc_t {
        dnnl_primitive_desc_query_md(descriptor, query, 0).pointee
    }

    /// The implementation oneDNN dispatched to, e.g. "brgconv:avx512_core" or "jit:avx2".
    var implementation: String {
        var name: UnsafePointer<CChar>?
        dnnl_primitive_desc_query(descriptor, dnnl_query_impl_info_str, 0, &name)
        return name.map { String(cString: $0) } ?? "unknown"
    }

    func execute(_ arguments: [DNNLEngine.Argument], engine: DNNLEngine) throws {
        try engine.execute(primitive, arguments, context: context)
    }

    deinit {
        dnnl_primitive_destroy(primitive)
        dnnl_primitive_desc_destroy(descriptor)
    }
}

/// Primitive attributes carrying fused post-ops: `residual + activation(y)`.
final class DNNLAttributes {
    let handle: dnnl_primitive_attr_t

    init(activation: Activation?, accumulate: Bool) throws {
        var attr: dnnl_primitive_attr_t?
        try dnnlCheck(dnnl_primitive_attr_create(&attr), "primitive_attr_create", "post-ops")
        handle = attr!
        var ops: dnnl_post_ops_t?
        try dnnlCheck(dnnl_post_ops_create(&ops), "post_ops_create", "post-ops")
        defer { dnnl_post_ops_destroy(ops) }
        if let activation {
            let (kind, alpha) = Self.eltwise(activation)
            try dnnlCheck(dnnl_post_ops_append_eltwise(ops, 1, kind, alpha, 0), "append_eltwise", "\(activation)")
        }
        // `sum` adds what the destination held before (the residual, copied in first).
        if accumulate { try dnnlCheck(dnnl_post_ops_append_sum(ops, 1), "append_sum", "residual") }
        try dnnlCheck(dnnl_primitive_attr_set_post_ops(handle, ops), "attr_set_post_ops", "post-ops")
    }

    /// oneDNN's eltwise for each activation; SiLU and QuickGELU are swish x·σ(αx).
    static func eltwise(_ activation: Activation) -> (dnnl_alg_kind_t, Float) {
        switch activation {
        case .silu: (dnnl_eltwise_swish, 1)
        case .quickGELU: (dnnl_eltwise_swish, 1.702)
        case .geluExact: (dnnl_eltwise_gelu_erf, 0)
        case .geluTanh: (dnnl_eltwise_gelu_tanh, 0)
        }
    }

    deinit { dnnl_primitive_attr_destroy(handle) }
}
