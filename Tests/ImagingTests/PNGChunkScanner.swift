/// Test helper: the chunks of a PNG file, read straight from the byte stream so encoder tests
/// do not depend on any PNG reader under test.
struct PNGChunk: Equatable {
    let type: String
    let data: [UInt8]
}

func pngChunks(_ bytes: [UInt8]) -> [PNGChunk] {
    var chunks = [PNGChunk]()
    var offset = 8
    while offset + 12 <= bytes.count {
        let length = bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
        let type = String(decoding: bytes[offset + 4..<offset + 8], as: UTF8.self)
        guard offset + 12 + length <= bytes.count else { break }
        chunks.append(PNGChunk(type: type, data: Array(bytes[offset + 8..<offset + 8 + length])))
        offset += 12 + length
    }
    return chunks
}
