import CDNNL
import CKernels

/// A weight held in the layout a oneDNN primitive chose for it (`PreparedWeight.backendData`
/// of `CPUBackend`): reordered once at load, then read by every call.
///
/// A compact weight keeps that layout's elements as 16-bit floats although the primitive reads
/// f32; each call widens them into a scratch buffer. It is used only where widening is exact
/// (values that came from an f16/bf16 checkpoint, or bf16-rounded operands), so it computes
/// the same numbers as the f32 copy with half the resident memory.
final class DNNLWeight: @unchecked Sendable {
    /// The layout and type the primitive reads.
    let descriptor: dnnl_memory_desc_t
    /// The elements of `descriptor`, in `storedType`.
    let storage: TensorStorage
    /// `descriptor`'s own type, or the 16-bit type a compact weight is kept in.
    let storedType: DType
    /// The logical shape: linear `[out, in]`, conv `[outC, inC, kH, kW]`.
    let shape: [Int]
    let precision: Precision

    init(descriptor: dnnl_memory_desc_t, storage: TensorStorage, storedType: DType, shape: [Int], precision: Precision) {
        self.descriptor = descriptor
        self.storage = storage
        self.storedType = storedType
        self.shape = shape
        self.precision = precision
    }

    /// True when the stored elements must be widened to f32 before the primitive reads them.
    var isCompact: Bool { storedType != .f32 && descriptor.data_type == dnnl_f32 }

    /// Reorders `source` (an f32 tensor described by `sourceDescriptor`) into `target`, then
    /// narrows it to `compactType` when given (which must hold every value exactly).
    static func reordered(
        _ source: Tensor, sourceDescriptor: dnnl_memory_desc_t, into target: dnnl_memory_desc_t, compactType: DType?,
        shape: [Int], precision: Precision, engine: DNNLEngine
    ) throws -> DNNLWeight {
        let byteCount = DNNLMemory.byteSize(target)
        let reordered = TensorStorage(zeroedByteCount: byteCount)
        let reorder = try DNNLPrimitive.reorder(from: sourceDescriptor, to: target, engine: engine)
        try reorder.execute([
            .init(slot: DNNL_ARG_FROM, descriptor: sourceDescriptor, pointer: source.rawPointer),
            .init(slot: DNNL_ARG_TO, descriptor: target, pointer: reordered.baseAddress),
        ], engine: engine)
        guard let compactType, compactType != .f32, target.data_type == dnnl_f32 else {
            let type: DType = target.data_type == dnnl_bf16 ? .bf16 : .f32
            return DNNLWeight(descriptor: target, storage: reordered, storedType: type, shape: shape, precision: precision)
        }
        let count = byteCount / 4
        let compact = TensorStorage(uninitializedByteCount: count * 2)
        let from = reordered.baseAddress.assumingMemoryBound(to: Float.self)
        let to = compact.baseAddress.assumingMemoryBound(to: UInt16.self)
        switch compactType {
        case .f16: ParallelFor.ranges(count) { ck_f32_to_f16(to, from, $0, $1) }
        default: ParallelFor.ranges(count) { ck_f32_to_bf16(to, from, $0, $1) }
        }
        return DNNLWeight(descriptor: target, storage: compact, storedType: compactType, shape: shape, precision: precision)
    }

    /// Calls `body` with the weight's elements in `descriptor`'s type: the storage itself, or
    /// a compact weight widened into one of `scratch`'s buffers.
    func withOperandBytes<R>(scratch: ScratchBuffers, _ body: (UnsafeMutableRawPointer) throws -> R) throws -> R {
        guard isCompact else { return try withExtendedLifetime(storage) { try body(storage.baseAddress) } }
        let count = storage.byteCount / 2
        return try scratch.withBuffer(byteCount: count * 4) { buffer in
            CPUBackend.widen(
                storedType, from: storage.baseAddress.assumingMemoryBound(to: UInt16.self),
                to: buffer.assumingMemoryBound(to: Float.self), count: count)
            return try body(buffer)
        }
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

    /// Calls `body` with the weight's bytes in `layout`.
    func withBytes<R>(
        of weight: DNNLWeight, scratch: ScratchBuffers, engine: DNNLEngine, _ body: (UnsafeMutableRawPointer) throws -> R
    ) throws -> R {
        try weight.withOperandBytes(scratch: scratch) { prepared in
            guard let reorder else { return try body(prepared) }
            let storage = TensorStorage(uninitializedByteCount: DNNLMemory.byteSize(layout))
            try reorder.execute([
                .init(slot: DNNL_ARG_FROM, descriptor: preparedLayout, pointer: prepared),
                .init(slot: DNNL_ARG_TO, descriptor: layout, pointer: storage.baseAddress),
            ], engine: engine)
            return try withExtendedLifetime(storage) { try body(storage.baseAddress) }
        }
    }
}
