import Testing
@testable import Prompting

/// Chunker behaviour beyond the table: batch padding, OpenCLIP padding, limits.
@Suite struct PromptChunkerTests {
    let tokenizer: CLIPTokenizer

    init() throws { tokenizer = try CLIPTokenizer.bundled() }

    @Test func emptyChunkIsStartThenEnds() {
        let sd1 = PromptChunk.empty(padToken: CLIPTokenizer.endOfText)
        #expect(sd1.tokens == [CLIPTokenizer.startOfText] + Array(repeating: CLIPTokenizer.endOfText, count: 76))
        #expect(sd1.weights == Array(repeating: 1, count: 77))
        let openCLIP = PromptChunk.empty(padToken: 0)
        #expect(openCLIP.tokens == [CLIPTokenizer.startOfText, CLIPTokenizer.endOfText] + Array(repeating: 0, count: 75))
    }

    @Test func equalizingPadsTheShorterSideWithEmptyChunks() throws {
        let chunker = PromptChunker(tokenizer: tokenizer, padToken: 0)
        var positive = try chunker.chunks(for: "a cat BREAK a dog BREAK a bird").chunks
        var negative = try chunker.chunks(for: "blurry").chunks
        #expect(positive.count == 3 && negative.count == 1)
        chunker.equalizeChunkCounts(&positive, &negative)
        #expect(positive.count == 3 && negative.count == 3)
        #expect(negative[1] == PromptChunk.empty(padToken: 0) && negative[2] == PromptChunk.empty(padToken: 0))
        #expect(negative[0].tokens.prefix(3) == [CLIPTokenizer.startOfText, 21977, CLIPTokenizer.endOfText])
    }

    @Test func fullOpenCLIPChunkKeepsItsFinalEnd() throws {
        let chunker = PromptChunker(tokenizer: tokenizer, padToken: 0)
        let chunks = try chunker.chunks(for: Array(repeating: "tree", count: 75).joined(separator: " ")).chunks
        #expect(chunks.count == 1)
        #expect(chunks[0].tokens.last == CLIPTokenizer.endOfText)
        #expect(!chunks[0].tokens.contains(0))
    }

    @Test func emphasisNoneKeepsBracketsAsText() throws {
        let chunker = PromptChunker(tokenizer: tokenizer)
        let parsed = try chunker.chunks(for: "(cat:1.5) BREAK dog", parseEmphasis: true)
        let literal = try chunker.chunks(for: "(cat:1.5) BREAK dog", parseEmphasis: false)
        #expect(parsed.chunks.count == 2)
        #expect(literal.chunks.count == 1)
        #expect(literal.chunks[0].tokens.dropFirst().prefix(3) == [263, 2368, 281])  // "(", "cat", ":"
        #expect(literal.chunks[0].weights.allSatisfy { $0 == 1 })
    }

    @Test func embeddingWiderThanAWindowIsRejected() {
        let embeddings = EmbeddingVocabulary(embeddings: [(name: "huge", vectorCount: 76)], tokenizer: tokenizer)
        let chunker = PromptChunker(tokenizer: tokenizer, embeddings: embeddings)
        #expect(throws: PromptingError.embeddingTooLong(name: "huge", vectorCount: 76)) {
            try chunker.chunks(for: "a huge cat")
        }
    }

    @Test func embeddingIsNeverSplitAcrossWindows() throws {
        let embeddings = EmbeddingVocabulary(embeddings: [(name: "wide", vectorCount: 10)], tokenizer: tokenizer)
        let chunker = PromptChunker(tokenizer: tokenizer, commaBacktrack: 0, embeddings: embeddings)
        let text = Array(repeating: "tree", count: 70).joined(separator: " ") + " wide"
        let chunks = try chunker.chunks(for: text).chunks
        #expect(chunks.count == 2)
        #expect(chunks[0].tokens[71] == CLIPTokenizer.endOfText)
        #expect(chunks[1].embeddings == [EmbeddingSlot(position: 1, name: "wide", vectorCount: 10)])
        #expect(chunks[1].tokens[1...10].allSatisfy { $0 == 0 })
    }
}
