import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
    /// True for a read-only file mapping, whose pages the kernel can drop and fault back in
    /// from the file at any time without changing the bytes.
    private let isFileMapping: Bool

    /// Allocates `byteCount` zeroed bytes, 64-byte aligned for vector kernels.
    public init(zeroedByteCount byteCount: Int) {
        let size = max(byteCount, 1)
        baseAddress = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 64)
        baseAddress.initializeMemory(as: UInt8.self, repeating: 0, count: size)
        self.byteCount = byteCount
        isOwned = true
        keepAlive = nil
        isFileMapping = false
    }

    /// Allocates `byteCount` uninitialized bytes; the caller must write every byte it exposes.
    public init(uninitializedByteCount byteCount: Int) {
        baseAddress = UnsafeMutableRawPointer.allocate(byteCount: max(byteCount, 1), alignment: 64)
        self.byteCount = byteCount
        isOwned = true
        keepAlive = nil
        isFileMapping = false
    }

    /// Wraps memory owned by `owner` (for example a file mapping). Nothing is copied.
    /// `isFileMapping` promises the memory is a read-only mapping of an unchanging file, which
    /// lets `releaseResidentPages` hand its pages back to the kernel.
    public init(borrowing pointer: UnsafeRawPointer, byteCount: Int, owner: AnyObject, isFileMapping: Bool = false) {
        baseAddress = UnsafeMutableRawPointer(mutating: pointer)
        self.byteCount = byteCount
        isOwned = false
        keepAlive = owner
        self.isFileMapping = isFileMapping
    }

    /// Drops the whole pages inside `range` from this process's resident set when the storage
    /// is a file mapping (a no-op otherwise). The bytes stay readable: a later access faults
    /// them back in from the file. Used once a weight has been copied into a backend's own
    /// layout, so the file's pages do not stay resident beside the prepared copy.
    public func releaseResidentPages(_ range: Range<Int>) {
        guard isFileMapping, !range.isEmpty else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let start = (Int(bitPattern: baseAddress) + range.lowerBound + page - 1) / page * page
        let end = (Int(bitPattern: baseAddress) + range.upperBound) / page * page
        guard end > start, let address = UnsafeMutableRawPointer(bitPattern: start) else { return }
        _ = madvise(address, end - start, Int32(MADV_DONTNEED))
    }

    deinit {
        if isOwned { baseAddress.deallocate() }
    }
}
