/// The two EXIF fields sdserve reads: the orientation tag (for `exif_transpose`) and the
/// UserComment A1111 writes its infotext into for JPEG and WebP. `payload` is the TIFF
/// structure (byte-order mark first), without JPEG's `Exif\0\0` prefix.
public struct ExifFields: Sendable, Equatable {
    /// TIFF orientation 1...8, or nil when absent or out of range.
    public var orientation: Int?
    /// The decoded UserComment, or nil when absent.
    public var userComment: String?

    /// Reads what it can; a damaged block yields nil fields rather than an error, as PIL
    /// ignores unreadable EXIF when opening an image.
    public init(payload: [UInt8]) {
        let reader = TIFFReader(bytes: payload)
        guard let reader, let firstIFD = reader.uint32(at: 4) else { return }
        let entries = reader.entries(ofIFDAt: Int(firstIFD))
        if let entry = entries[ExifTag.orientation], let value = reader.uint16(at: entry.valueOffset),
           (1...8).contains(value) {
            orientation = Int(value)
        }
        if let pointer = entries[ExifTag.exifIFDPointer], let offset = reader.uint32(at: pointer.valueOffset),
           let comment = reader.entries(ofIFDAt: Int(offset))[ExifTag.userComment] {
            let start = comment.count > 4 ? reader.uint32(at: comment.valueOffset).map(Int.init) : comment.valueOffset
            if let start, start >= 0, start + comment.count <= payload.count {
                userComment = Self.decodeUserComment(Array(payload[start..<start + comment.count]))
            }
        }
    }

    /// The 8-byte character-code prefix, then text: `UNICODE\0` is UTF-16 (big-endian, as
    /// piexif writes it, unless a byte-order mark says otherwise), `ASCII\0\0\0` ASCII; anything
    /// else is read as UTF-8 like A1111's fallback.
    static func decodeUserComment(_ data: [UInt8]) -> String {
        let prefix = data.prefix(8)
        let body = Array(data.dropFirst(min(8, data.count)))
        if Array(prefix) == Array("UNICODE\0".utf8) {
            var littleEndian = false
            var start = 0
            if body.count >= 2, body[0] == 0xFF, body[1] == 0xFE { littleEndian = true; start = 2 }
            if body.count >= 2, body[0] == 0xFE, body[1] == 0xFF { start = 2 }
            var units = [UInt16]()
            var index = start
            while index + 1 < body.count {
                let high = UInt16(body[index]), low = UInt16(body[index + 1])
                units.append(littleEndian ? low << 8 | high : high << 8 | low)
                index += 2
            }
            return String(decoding: units, as: UTF16.self)
        }
        if Array(prefix) == Array("ASCII\0\0\0".utf8) { return String(decoding: body, as: UTF8.self) }
        return String(decoding: data, as: UTF8.self)
    }
}

enum ExifTag {
    static let orientation: UInt16 = 0x0112
    static let exifIFDPointer: UInt16 = 0x8769
    static let userComment: UInt16 = 0x9286
    static let typeLong: UInt16 = 4
    static let typeUndefined: UInt16 = 7
}

/// Bounds-checked reads from a TIFF block in its declared byte order.
private struct TIFFReader {
    struct Entry {
        let type: UInt16
        let count: Int
        /// Where the value (≤ 4 bytes) or the offset to it sits.
        let valueOffset: Int
    }

    let bytes: [UInt8]
    let bigEndian: Bool

    init?(bytes: [UInt8]) {
        guard bytes.count >= 8 else { return nil }
        switch (bytes[0], bytes[1]) {
        case (0x4D, 0x4D): bigEndian = true
        case (0x49, 0x49): bigEndian = false
        default: return nil
        }
        self.bytes = bytes
    }

    func uint16(at offset: Int) -> UInt16? {
        guard offset >= 0, offset + 2 <= bytes.count else { return nil }
        let a = UInt16(bytes[offset]), b = UInt16(bytes[offset + 1])
        return bigEndian ? a << 8 | b : b << 8 | a
    }

    func uint32(at offset: Int) -> UInt32? {
        guard let first = uint16(at: offset), let second = uint16(at: offset + 2) else { return nil }
        return bigEndian ? UInt32(first) << 16 | UInt32(second) : UInt32(second) << 16 | UInt32(first)
    }

    func entries(ofIFDAt offset: Int) -> [UInt16: Entry] {
        guard let count = uint16(at: offset) else { return [:] }
        var entries = [UInt16: Entry]()
        for index in 0..<Int(count) {
            let base = offset + 2 + index * 12
            guard let tag = uint16(at: base), let type = uint16(at: base + 2),
                  let valueCount = uint32(at: base + 4), base + 12 <= bytes.count else { break }
            entries[tag] = Entry(type: type, count: Int(valueCount), valueOffset: base + 8)
        }
        return entries
    }
}
