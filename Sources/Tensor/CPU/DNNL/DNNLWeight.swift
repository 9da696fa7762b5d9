import CDNNL

/// A weight held in the layout and type a oneDNN primitive chose for it (`PreparedWeight.backendData`
/// of `CPUBackend`): reordered once at load, then read by every call.
final class DNNLWeight: @unchecked Sendable {
    let descriptor: dnnl_memory_desc_t
    let storage: TensorStorage
    /// The logical shape: linear `[out, in]`, conv `[outC, inC, kH, kW]`.
    let shape: [Int]
    let precision: Precision

    init(descriptor: dnnl_memory_desc_t, storage: TensorStorage, shape: [Int], precision: Precision) {
        self.descriptor = descriptor
        self.storage = storage
        self.shape = shape
        self.precision = precision
    }

    /// Reorders `source` (an f32 tensor described by `sourceDescriptor`) into `target`.
    static func reordered(
        _ source: Tensor, sourceDescriptor: dnnl_memory_desc_t, into target: dnnl_memory_desc_t,
        shape: [Int], precision: Precision, engine: DNNLEngine
    ) throws -> DNNLWeight {
        let storage = TensorStorage(zeroedByteCount: DNNLMemory.byteSize(target))
        let reorder = try DNNLPrimitive.reorder(from: sourceDescriptor, to: target, engine: engine)
        try reorder.execute([
            .init(slot: DNNL_ARG_FROM, descriptor: sourceDescriptor, pointer: source.rawPointer),
            .init(slot: DNNL_ARG_TO, descriptor: target, pointer: storage.baseAddress),
        ], engine: engine)
        return DNNLWeight(descriptor: target, storage: storage, shape: shape, precision: precision)
    }
}

/// How a cached plan reads prepared weights: in place when its primitive accepts the layout
/// chosen at load time (the usual case), else through a reorder on every call (when the
/// layout oneDNN prefers for these activation sizes differs from the one chosen at load).
struct WeightBinding: @unchecked Sendable {  // immutable; the md is plain data
    let layout: dnnl_memory_desc_t
    private let reorder: DNNLPrimitive?
    private let preparedLayout: dnnl_memory_desc_t

    /// Builds the primitive with the prepared layout, falling back to format `any`.
    static func primitive(
        prepared: dnnl_memory_desc_t, any: dnnl_memory_desc_t, engine: DNNLEngine,
        make: (dnnl_memory_desc_t) throws -> DNNLPrimitive
    ) throws -> (DNNLPrimitive, WeightBinding) {
        if let direct = try? make(prepared) {
            return (direct, WeightBinding(layout: prepared, reorder: nil, preparedLayout: prepared))
        }
        let primitive = try make(any)
        let wanted = primitive.memoryDescriptor(dnnl_query_weights_md)
        let reorder = try DNNLPrimitive.reorder(from: prepared, to: wanted, engine: engine)
        return (primitive, WeightBinding(layout: wanted, reorder: reorder, preparedLayout: prepared))
    }

    /// The weight's bytes in `layout`.
    func storage(for weight: DNNLWeight, engine: DNNLEngine) throws -> TensorStorage {
        guard let reorder else { return weight.storage }
        let storage = TensorStorage(uninitializedByteCount: DNNLMemory.byteSize(layout))
        try reorder.execute([
            .init(slot: DNNL_ARG_FROM, descriptor: preparedLayout, pointer: weight.storage.baseAddress),
            .init(slot: DNNL_ARG_TO, descriptor: layout, pointer: storage.baseAddress),
        ], engine: engine)
        return storage
    }
}
