/// A PNG text entry (`tEXt`, `iTXt`): where A1111 keeps the infotext, under `parameters`.
public struct PNGTextChunk: Sendable, Equatable {
    public var keyword: String
    public var text: String

    public init(keyword: String, text: String) {
        self.keyword = keyword
        self.text = text
    }
}

/// Reads and writes PNG text chunks without decoding pixels. `tEXt` is Latin-1; `iTXt` is
/// UTF-8 and used when the text has characters outside Latin-1 (as PIL does for A1111).
/// Compressed text (`zTXt`, compressed `iTXt`) is skipped: nothing A1111 writes uses it.
public enum PNGTextChunks {
    public static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// Whether `bytes` start with the PNG signature.
    public static func isPNG(_ bytes: [UInt8]) -> Bool { bytes.starts(with: signature) }

    /// Every uncompressed text chunk, in file order.
    public static func read(from png: [UInt8]) throws(PNGChunkError) -> [PNGTextChunk] {
        var texts: [PNGTextChunk] = []
        for chunk in try chunks(of: png) {
            let data = Array(png[chunk.dataRange])
            switch chunk.type {
            case "tEXt": texts += parseText(data).map { [$0] } ?? []
            case "iTXt": texts += parseInternationalText(data).map { [$0] } ?? []
            default: break
            }
        }
        return texts
    }

    /// `png` with `entries` added as text chunks just before `IEND`.
    public static func inserting(_ entries: [PNGTextChunk], into png: [UInt8]) throws(PNGChunkError) -> [UInt8] {
        guard let end = try chunks(of: png).last(where: { $0.type == "IEND" }) else { throw .missingEnd }
        var encoded: [UInt8] = []
        for entry in entries { encoded += try encode(entry) }
        return Array(png[..<end.start]) + encoded + Array(png[end.start...])
    }

    /// One chunk: `tEXt` when the text is Latin-1, `iTXt` (uncompressed UTF-8) otherwise.
    static func encode(_ entry: PNGTextChunk) throws(PNGChunkError) -> [UInt8] {
        guard let keyword = latin1(entry.keyword), (1...79).contains(keyword.count) else {
            throw .invalidKeyword(entry.keyword)
        }
        if let text = latin1(entry.text) {
            return chunk(type: "tEXt", data: keyword + [0] + text)
        }
        // keyword, NUL, compression flag 0, method 0, empty language tag NUL, empty translated keyword NUL, text
        return chunk(type: "iTXt", data: keyword + [0, 0, 0, 0, 0] + Array(entry.text.utf8))
    }

    /// One chunk: length, type, data and CRC.
    public static func chunk(type: String, data: [UInt8]) -> [UInt8] {
        let typeBytes = Array(type.utf8)
        let length = UInt32(data.count)
        let crc = CRC32.checksum(typeBytes + data)
        return bigEndian(length) + typeBytes + data + bigEndian(crc)
    }

    struct ChunkLocation {
        var type: String
        var start: Int
        var dataRange: Range<Int>
    }

    /// The chunk layout, checking lengths and CRCs.
    static func chunks(of png: [UInt8]) throws(PNGChunkError) -> [ChunkLocation] {
        guard isPNG(png) else { throw .notPNG }
        var offset = signature.count
        var found: [ChunkLocation] = []
        while offset < png.count {
            guard offset + 8 <= png.count else { throw .truncated(chunk: "?", offset: offset) }
            let length = Int(png[offset..<offset + 4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
            let type = String(decoding: png[offset + 4..<offset + 8], as: UTF8.self)
            let dataStart = offset + 8
            guard length <= png.count - dataStart - 4 else { throw .truncated(chunk: type, offset: offset) }
            let dataEnd = dataStart + length
            let stored = png[dataEnd..<dataEnd + 4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            guard CRC32.checksum(png[offset + 4..<dataEnd]) == stored else { throw .badChecksum(chunk: type, offset: offset) }
            found.append(ChunkLocation(type: type, start: offset, dataRange: dataStart..<dataEnd))
            offset = dataEnd + 4
            if type == "IEND" { return found }
        }
        throw .missingEnd
    }

    static func parseText(_ data: [UInt8]) -> PNGTextChunk? {
        guard let separator = data.firstIndex(of: 0) else { return nil }
        return PNGTextChunk(keyword: fromLatin1(data[..<separator]), text: fromLatin1(data[(separator + 1)...]))
    }

    static func parseInternationalText(_ data: [UInt8]) -> PNGTextChunk? {
        guard let keywordEnd = data.firstIndex(of: 0), keywordEnd + 2 < data.count,
            data[keywordEnd + 1] == 0,  // compressed text is not read
            let languageEnd = data[(keywordEnd + 3)...].firstIndex(of: 0),
            let translatedEnd = data[(languageEnd + 1)...].firstIndex(of: 0)
        else { return nil }
        return PNGTextChunk(
            keyword: fromLatin1(data[..<keywordEnd]),
            text: String(decoding: data[(translatedEnd + 1)...], as: UTF8.self))
    }

    static func latin1(_ text: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        for scalar in text.unicodeScalars {
            guard scalar.value < 256 else { return nil }
            bytes.append(UInt8(scalar.value))
        }
        return bytes
    }

    static func fromLatin1(_ bytes: ArraySlice<UInt8>) -> String {
        String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }
}
