import Foundation

/// A contiguous block of bytes behind one or more tensors: either owned (allocated here and
/// freed on deinit) or borrowed from something that outlives it, such as a memory-mapped
/// checkpoint file, which `keepAlive` retains so views stay valid without copying.
///
/// Storage is written only while a tensor is being produced (by a backend op or an
/// initializer); once a `Tensor` is handed out its bytes are treated as immutable, which is
/// what makes sharing across tasks sound.
public final class TensorStorage: @unchecked Sendable {
    public let baseAddress: UnsafeMutableRawPointer
    public let byteCount: Int
    private let isOwned: Bool
    private let keepAlive: AnyObject?

    /// Allocates `byteCount` zeroed bytes, 64-byte aligned for vector kernels.
    public init(zeroedByteCount byteCount: Int) {
        let size = max(byteCount, 1)
        baseAddress = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 64)
        baseAddress.initializeMemory(as: UInt8.self, repeating: 0, count: size)
        self.byteCount = byteCount
        isOwned = true
        keepAlive = nil
    }

    /// Allocates `byteCount` uninitialized bytes; the caller must write every byte it exposes.
    public init(uninitializedByteCount byteCount: Int) {
        baseAddress = UnsafeMutableRawPointer.allocate(byteCount: max(byteCount, 1), alignment: 64)
        self.byteCount = byteCount
        isOwned = true
        keepAlive = nil
    }

    /// Wraps memory owned by `owner` (for example a file mapping). Nothing is copied.
    public init(borrowing pointer: UnsafeRawPointer, byteCount: Int, owner: AnyObject) {
        baseAddress = UnsafeMutableRawPointer(mutating: pointer)
        self.byteCount = byteCount
        isOwned = false
        keepAlive = owner
    }

    deinit {
        if isOwned { baseAddress.deallocate() }
    }
}
