/// The central directory of a zip file (PyTorch's checkpoint container), with zip64 support.
/// Only stored (uncompressed) entries can be read, which is what `torch.save` writes.
struct ZipArchive {
    struct Entry {
        let name: String
        let method: UInt16
        /// Absolute offset of the entry's data in the file.
        let dataOffset: Int
        let size: Int
    }

    let entries: [String: Entry]

    static let endOfDirectory: UInt64 = 0x0605_4b50
    static let zip64Locator: UInt64 = 0x0706_4b50
    static let zip64EndOfDirectory: UInt64 = 0x0606_4b50
    static let centralHeader: UInt64 = 0x0201_4b50
    static let localHeader: UInt64 = 0x0403_4b50

    init(bytes: UnsafeRawBufferPointer, file: String) throws(CheckpointError) {
        let reader = ByteReader(bytes, file: file)
        let end = try Self.findEndOfDirectory(reader)
        var count = Int(try reader.unsigned(at: end + 10, 2))
        var directoryOffset = try reader.unsigned(at: end + 16, 4)
        if directoryOffset == 0xFFFF_FFFF || count == 0xFFFF, end >= 20,
           try reader.unsigned(at: end - 20, 4) == Self.zip64Locator {
            let record = try reader.unsigned(at: end - 12, 8)
            guard record < UInt64(bytes.count), try reader.unsigned(at: Int(record), 4) == Self.zip64EndOfDirectory else {
                throw .malformed(file: file, key: nil, reason: "zip64 end-of-directory record is missing")
            }
            count = Int(clamping: try reader.unsigned(at: Int(record) + 32, 8))
            directoryOffset = try reader.unsigned(at: Int(record) + 48, 8)
        }
        guard directoryOffset < UInt64(bytes.count), count <= bytes.count / 46 else {
            throw .malformed(file: file, key: nil, reason: "zip directory (\(count) entries at \(directoryOffset)) is outside the file")
        }
        var cursor = ByteReader(bytes, file: file)
        cursor.position = Int(directoryOffset)
        var entries: [String: Entry] = [:]
        for _ in 0..<count {
            let entry = try Self.readCentralEntry(&cursor, reader: reader)
            entries[entry.name] = entry
        }
        self.entries = entries
    }

    private static func findEndOfDirectory(_ reader: ByteReader) throws(CheckpointError) -> Int {
        let size = reader.bytes.count
        guard size >= 22 else { throw .malformed(file: reader.file, key: nil, reason: "too short to be a zip file") }
        let lowest = max(0, size - 22 - 65535)
        for offset in stride(from: size - 22, through: lowest, by: -1)
        where try reader.unsigned(at: offset, 4) == endOfDirectory {
            return offset
        }
        throw .malformed(file: reader.file, key: nil, reason: "no zip end-of-directory record")
    }

    private static func readCentralEntry(_ cursor: inout ByteReader, reader: ByteReader) throws(CheckpointError) -> Entry {
        let file = reader.file
        guard try cursor.unsigned(4) == centralHeader else {
            throw .malformed(file: file, key: nil, reason: "bad zip central directory header at \(cursor.position - 4)")
        }
        _ = try cursor.take(6)
        let method = UInt16(try cursor.unsigned(2))
        _ = try cursor.take(8)
        var compressed = try cursor.unsigned(4)
        var size = try cursor.unsigned(4)
        let nameLength = Int(try cursor.unsigned(2))
        let extraLength = Int(try cursor.unsigned(2))
        let commentLength = Int(try cursor.unsigned(2))
        _ = try cursor.take(8)
        var localOffset = try cursor.unsigned(4)
        let name = String(decoding: try cursor.take(nameLength), as: UTF8.self)
        var extra = ByteReader(try cursor.take(extraLength), file: file)
        _ = try cursor.take(commentLength)
        while extra.remaining >= 4 {
            let id = try extra.unsigned(2), length = Int(try extra.unsigned(2))
            var field = ByteReader(try extra.take(length), file: file)
            guard id == 1 else { continue }  // zip64: full-width values replace the 0xFFFFFFFF ones, in order
            if size == 0xFFFF_FFFF { size = try field.unsigned(8) }
            if compressed == 0xFFFF_FFFF { compressed = try field.unsigned(8) }
            if localOffset == 0xFFFF_FFFF { localOffset = try field.unsigned(8) }
        }
        let total = UInt64(reader.bytes.count)
        guard localOffset < total, try reader.unsigned(at: Int(localOffset), 4) == localHeader else {
            throw .malformed(file: file, key: name, reason: "zip entry's local header is missing")
        }
        let local = Int(localOffset)
        let dataOffset = local + 30 + Int(try reader.unsigned(at: local + 26, 2)) + Int(try reader.unsigned(at: local + 28, 2))
        guard compressed <= total, UInt64(dataOffset) + compressed <= total else {
            throw .malformed(file: file, key: name, reason: "zip entry of \(compressed) bytes runs past the end of the file")
        }
        if method == 0, compressed != size {
            throw .malformed(file: file, key: name, reason: "stored zip entry has different compressed and plain sizes")
        }
        return Entry(name: name, method: method, dataOffset: dataOffset, size: Int(compressed))
    }
}
