/// Bounds-checked little-endian reads from a byte buffer; every failure is a `malformed` error.
struct ByteReader {
    let bytes: UnsafeRawBufferPointer
    let file: String
    var position = 0

    init(_ bytes: UnsafeRawBufferPointer, file: String) {
        self.bytes = bytes
        self.file = file
    }

    var remaining: Int { bytes.count - position }

    mutating func take(_ count: Int) throws(CheckpointError) -> UnsafeRawBufferPointer {
        guard count >= 0, count <= remaining else {
            throw .malformed(file: file, key: nil, reason: "needs \(count) bytes at offset \(position), only \(remaining) left")
        }
        defer { position += count }
        return UnsafeRawBufferPointer(rebasing: bytes[position..<position + count])
    }

    mutating func u8() throws(CheckpointError) -> UInt8 { try take(1)[0] }

    mutating func unsigned(_ width: Int) throws(CheckpointError) -> UInt64 {
        let raw = try take(width)
        var value: UInt64 = 0
        for i in (0..<width).reversed() { value = value << 8 | UInt64(raw[i]) }
        return value
    }

    /// An unsigned length that must fit in `Int` and in the remaining bytes.
    mutating func length(_ width: Int) throws(CheckpointError) -> Int {
        let value = try unsigned(width)
        guard value <= UInt64(remaining) else {
            throw .malformed(file: file, key: nil, reason: "length \(value) at offset \(position) exceeds the \(remaining) bytes left")
        }
        return Int(value)
    }

    /// Reads `width` bytes at an absolute offset without moving.
    func unsigned(at offset: Int, _ width: Int) throws(CheckpointError) -> UInt64 {
        var copy = self
        guard offset >= 0, offset <= bytes.count else {
            throw .malformed(file: file, key: nil, reason: "offset \(offset) is outside the \(bytes.count)-byte file")
        }
        copy.position = offset
        return try copy.unsigned(width)
    }
}
