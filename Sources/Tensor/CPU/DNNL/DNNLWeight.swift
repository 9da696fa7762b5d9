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
