import SDTesting
import Testing

@testable import Imaging

@Suite struct PNGTextChunksTests {
    @Test func crc32MatchesTheStandardCheckValue() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
    }

    @Test func latin1TextRoundTripsAsTEXt() throws {
        let infotext = "a cat\nNegative prompt: dog\nSteps: 20, Sampler: Euler, Seed: 1, Size: 512x512, café"
        let png = try PNGTextChunks.inserting([PNGTextChunk(keyword: "parameters", text: infotext)], into: try TestImages.tinyPNG())
        #expect(try PNGTextChunks.chunks(of: png).map(\.type) == ["IHDR", "IDAT", "tEXt", "IEND"])
        #expect(try PNGTextChunks.read(from: png) == [PNGTextChunk(keyword: "parameters", text: infotext)])
    }

    @Test func nonLatin1TextIsWrittenAsITXt() throws {
        let infotext = "一只猫, Steps: 20"
        let png = try PNGTextChunks.inserting([PNGTextChunk(keyword: "parameters", text: infotext)], into: try TestImages.tinyPNG())
        #expect(try PNGTextChunks.chunks(of: png).map(\.type).contains("iTXt"))
        #expect(try PNGTextChunks.read(from: png) == [PNGTextChunk(keyword: "parameters", text: infotext)])
    }

    @Test func severalChunksKeepTheirOrder() throws {
        let entries = [PNGTextChunk(keyword: "parameters", text: "x"), PNGTextChunk(keyword: "Software", text: "sdserve")]
        let png = try PNGTextChunks.inserting(entries, into: TestImages.tinyPNG())
        #expect(try PNGTextChunks.read(from: png) == entries)
    }

    @Test func compressedITXtIsSkipped() throws {
        let compressed = PNGTextChunks.chunk(type: "iTXt", data: Array("parameters".utf8) + [0, 1, 0, 0, 0, 0x78, 0x9C])
        var png = try TestImages.tinyPNG()
        png.insert(contentsOf: compressed, at: png.count - 12)
        #expect(try PNGTextChunks.read(from: png).isEmpty)
    }

    @Test func rejectsWhatIsNotAnIntactPNG() throws {
        #expect(throws: PNGChunkError.notPNG) { try PNGTextChunks.read(from: Array("GIF89a....".utf8)) }
        var corrupted = try TestImages.tinyPNG()
        corrupted[20] ^= 0xFF  // inside IHDR data
        #expect(throws: PNGChunkError.badChecksum(chunk: "IHDR", offset: 8)) { try PNGTextChunks.read(from: corrupted) }
        let truncated = Array(try TestImages.tinyPNG().prefix(30))
        #expect(throws: PNGChunkError.self) { try PNGTextChunks.read(from: truncated) }
        #expect(throws: PNGChunkError.invalidKeyword("")) {
            try PNGTextChunks.inserting([PNGTextChunk(keyword: "", text: "x")], into: try TestImages.tinyPNG())
        }
    }
}
