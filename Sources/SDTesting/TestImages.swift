import Imaging

/// Small images for tests that read or write metadata without decoding pixels.
public enum TestImages {
    /// A structurally valid 1×1 grey PNG (IHDR, IDAT, IEND with correct CRCs; the IDAT holds a
    /// stored zlib block) with `texts` as text chunks before IEND.
    public static func tinyPNG(texts: [PNGTextChunk] = []) throws -> [UInt8] {
        let header: [UInt8] = [0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]  // 1x1, 8-bit grey
        let pixels: [UInt8] = [0x78, 0x01, 0x01, 0x02, 0x00, 0xFD, 0xFF, 0x00, 0x00, 0x00, 0x02, 0x00, 0x01]
        let bare = PNGTextChunks.signature + PNGTextChunks.chunk(type: "IHDR", data: header)
            + PNGTextChunks.chunk(type: "IDAT", data: pixels) + PNGTextChunks.chunk(type: "IEND", data: [])
        return try PNGTextChunks.inserting(texts, into: bare)
    }
}
