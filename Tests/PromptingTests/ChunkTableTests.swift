import Testing
@testable import Prompting

/// A1111's 75-token windows on the committed table (commas, BREAK, padding, embeddings).
@Suite struct ChunkTableTests {
    struct Table: Decodable {
        struct Case: Decodable {
            let prompt: String
            let pad: Int32
            let backtrack: Int
            let embeddings: [String: Int]
            let token_count: Int
            let chunks: [Chunk]
        }
        struct Chunk: Decodable {
            let tokens: [Int32]
            let weights: [Double]
            let embeddings: [Slot]
        }
        struct Slot: Decodable {
            let position: Int, name: String
            init(from decoder: Decoder) throws {
                var values = try decoder.unkeyedContainer()
                position = try values.decode(Int.self)
                name = try values.decode(String.self)
            }
        }
        let cases: [Case]
    }

    static let table: Table? = try? Fixtures.load(
        Table.self, from: "chunk_table.json", version: 1, generator: "tools/fixtures/prompting/make_prompt_table.py")

    @Test func tableLoads() throws {
        let table = try Fixtures.load(
            Table.self, from: "chunk_table.json", version: 1, generator: "tools/fixtures/prompting/make_prompt_table.py")
        #expect(table.cases.count >= 20)
    }

    @Test(arguments: (table?.cases ?? []).indices)
    func chunksMatchA1111(index: Int) throws {
        let item = try #require(Self.table).cases[index]
        let tokenizer = try CLIPTokenizer.bundled()
        let embeddings = EmbeddingVocabulary(
            embeddings: item.embeddings.sorted { $0.key < $1.key }.map { (name: $0.key, vectorCount: $0.value) },
            tokenizer: tokenizer)
        let chunker = PromptChunker(
            tokenizer: tokenizer, padToken: item.pad, commaBacktrack: item.backtrack, embeddings: embeddings)
        let result = try chunker.chunks(for: item.prompt)
        let context = "prompt \(item.prompt.debugDescription)"

        #expect(result.tokenCount == item.token_count, "\(context)")
        try #require(result.chunks.count == item.chunks.count, "\(context): \(result.chunks.count) chunks, expected \(item.chunks.count)")
        for (number, (chunk, expected)) in zip(result.chunks, item.chunks).enumerated() {
            #expect(chunk.tokens.count == PromptChunk.length && chunk.weights.count == PromptChunk.length)
            if chunk.tokens != expected.tokens {
                let first = zip(chunk.tokens, expected.tokens).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? -1
                Issue.record("\(context) chunk \(number): first token difference at \(first): got \(chunk.tokens) expected \(expected.tokens)")
            }
            #expect(chunk.weights == expected.weights.map(Float.init), "\(context) chunk \(number)")
            #expect(chunk.embeddings.map { "\($0.position) \($0.name)" } == expected.embeddings.map { "\($0.position) \($0.name)" },
                    "\(context) chunk \(number)")
        }
    }
}
