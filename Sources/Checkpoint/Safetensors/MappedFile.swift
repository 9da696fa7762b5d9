#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Tensor

/// A read-only memory mapping of a whole file. Pages are loaded lazily by the kernel, so
/// mapping a multi-gigabyte checkpoint costs nothing until its weights are touched. The
/// mapping lives as long as any `TensorStorage` borrowing it.
/// `@unchecked Sendable`: the mapping is read-only and immutable for the object's lifetime.
public final class MappedFile: @unchecked Sendable {
    public let path: String
    public let byteCount: Int
    private let base: UnsafeMutableRawPointer

    public init(path: String) throws(CheckpointError) {
        self.path = path
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw .io(file: path, reason: "cannot open (\(Self.errnoText()))") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .io(file: path, reason: "cannot stat (\(Self.errnoText()))") }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw .io(file: path, reason: "not a regular file") }
        byteCount = Int(info.st_size)
        guard byteCount > 0 else { throw .malformed(file: path, key: nil, reason: "the file is empty") }
        let address = mmap(nil, byteCount, PROT_READ, MAP_PRIVATE, fd, 0)
        guard let address, address != MAP_FAILED else {
            throw .io(file: path, reason: "cannot map \(byteCount) bytes (\(Self.errnoText()))")
        }
        base = address
    }

    deinit {
        munmap(base, byteCount)
    }

    /// The mapped bytes.
    public var bytes: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: base, count: byteCount)
    }

    /// One storage borrowing the whole mapping; tensor views are offsets into it.
    public func storage() -> TensorStorage {
        TensorStorage(borrowing: base, byteCount: byteCount, owner: self, isFileMapping: true)
    }

    private static func errnoText() -> String {
        String(cString: strerror(errno))
    }
}
