/// An n-dimensional array: a shape, an element type and a contiguous row-major byte range
/// inside a `TensorStorage`. A value type; views (reshape, a checkpoint weight inside a mapped
/// file) share storage without copying. Ops that change layout (permute, slice) produce new
/// contiguous tensors through a `Backend`.
public struct Tensor: Sendable {
    public let shape: [Int]
    public let dtype: DType
    public let storage: TensorStorage
    /// Where this tensor's first element sits inside `storage`.
    public let byteOffset: Int

    /// Wraps existing storage. Throws when the byte range does not fit inside it.
    public init(shape: [Int], dtype: DType, storage: TensorStorage, byteOffset: Int = 0) throws {
        guard shape.allSatisfy({ $0 >= 0 }) else {
            throw TensorError.invalidArgument(op: "Tensor", reason: "negative dimension in \(shape)")
        }
        let needed = shape.reduce(1, *) * dtype.byteSize
        guard byteOffset >= 0, byteOffset + needed <= storage.byteCount else {
            throw TensorError.invalidArgument(
                op: "Tensor",
                reason: "\(needed) bytes at offset \(byteOffset) exceed storage of \(storage.byteCount) bytes")
        }
        self.shape = shape
        self.dtype = dtype
        self.storage = storage
        self.byteOffset = byteOffset
    }

    /// A new zero-filled tensor.
    public init(zeros shape: [Int], dtype: DType = .f32) {
        let storage = TensorStorage(zeroedByteCount: shape.reduce(1, *) * dtype.byteSize)
        self.shape = shape
        self.dtype = dtype
        self.storage = storage
        self.byteOffset = 0
    }

    /// A new tensor holding `values` (row-major), stored as `dtype` with round-to-nearest-even.
    public init(shape: [Int], values: [Float], dtype: DType = .f32) throws {
        guard shape.reduce(1, *) == values.count else {
            throw TensorError.elementCountMismatch(shape: shape, count: values.count)
        }
        self.init(zeros: shape, dtype: dtype)
        values.withUnsafeBufferPointer { source in
            Tensor.store(source, into: storage.baseAddress, dtype: dtype)
        }
    }

    /// Number of elements.
    public var count: Int { shape.reduce(1, *) }
    public var rank: Int { shape.count }
    public var byteCount: Int { count * dtype.byteSize }

    /// Pointer to the first element. Reading is always safe; writing is only for code that
    /// has just created this tensor and has not shared it yet (backend ops, initializers).
    public var rawPointer: UnsafeMutableRawPointer { storage.baseAddress + byteOffset }

    /// Releases this tensor's pages from the resident set when it is a view of a mapped file;
    /// the bytes stay readable (see `TensorStorage.releaseResidentPages`).
    public func releaseResidentFilePages() {
        storage.releaseResidentPages(byteOffset..<byteOffset + byteCount)
    }

    /// The same bytes seen with another shape of equal element count.
    public func reshaped(_ newShape: [Int]) throws -> Tensor {
        guard newShape.reduce(1, *) == count else {
            throw TensorError.shapeMismatch(op: "reshape", expected: shape, got: newShape)
        }
        return try Tensor(shape: newShape, dtype: dtype, storage: storage, byteOffset: byteOffset)
    }

    /// All elements as f32, row-major.
    public func floats() -> [Float] {
        [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            Tensor.load(from: UnsafeRawPointer(rawPointer), dtype: dtype, into: buffer)
            initialized = count
        }
    }

    /// A contiguous copy in another element type (a view of self when the type is unchanged).
    public func converted(to target: DType) -> Tensor {
        if target == dtype { return self }
        let result = Tensor(zeros: shape, dtype: target)
        let values = floats()
        values.withUnsafeBufferPointer { Tensor.store($0, into: result.rawPointer, dtype: target) }
        return result
    }

    static func store(_ source: UnsafeBufferPointer<Float>, into destination: UnsafeMutableRawPointer, dtype: DType) {
        switch dtype {
        case .f32:
            destination.copyMemory(from: source.baseAddress!, byteCount: source.count * 4)
        case .f16:
            let out = destination.assumingMemoryBound(to: UInt16.self)
            for i in source.indices { out[i] = HalfConversion.f16Bits(from: source[i]) }
        case .bf16:
            let out = destination.assumingMemoryBound(to: UInt16.self)
            for i in source.indices { out[i] = HalfConversion.bf16Bits(from: source[i]) }
        }
    }

    static func load(from source: UnsafeRawPointer, dtype: DType, into destination: UnsafeMutableBufferPointer<Float>) {
        switch dtype {
        case .f32:
            destination.baseAddress!.update(from: source.assumingMemoryBound(to: Float.self), count: destination.count)
        case .f16:
            let bits = source.assumingMemoryBound(to: UInt16.self)
            for i in destination.indices { destination[i] = HalfConversion.float(fromF16: bits[i]) }
        case .bf16:
            let bits = source.assumingMemoryBound(to: UInt16.self)
            for i in destination.indices { destination[i] = HalfConversion.float(fromBF16: bits[i]) }
        }
    }
}
