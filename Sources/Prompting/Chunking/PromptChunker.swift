/// Splits weighted prompt text into CLIP windows the way A1111's
/// `FrozenCLIPEmbedderWithCustomWordsBase.tokenize_line` does: each fragment is tokenized on its
/// own; a full window (75 tokens) moves the text after a comma within the last
/// `commaBacktrack` tokens into the next window; `BREAK` closes the window; an embedding is
/// never split across windows.
public struct PromptChunker: Sendable {
    public static let commaToken: Int32 = 267

    public var tokenizer: CLIPTokenizer
    /// Token after the first EOS: 49407 (EOS) for CLIP-L, 0 for OpenCLIP (SD2, SDXL bigG).
    public var padToken: Int32
    /// A1111's `comma_padding_backtrack` (0 turns it off).
    public var commaBacktrack: Int
    public var embeddings: EmbeddingVocabulary

    public init(
        tokenizer: CLIPTokenizer, padToken: Int32 = CLIPTokenizer.endOfText, commaBacktrack: Int = 20,
        embeddings: EmbeddingVocabulary = EmbeddingVocabulary()
    ) {
        self.tokenizer = tokenizer
        self.padToken = padToken
        self.commaBacktrack = commaBacktrack
        self.embeddings = embeddings
    }

    /// Windows of one scheduled prompt text, emphasis parsed (A1111's emphasis modes other than
    /// `None`); `parseEmphasis: false` is the `None` mode, where brackets and BREAK are text.
    public func chunks(for text: String, parseEmphasis: Bool = true) throws(PromptingError) -> ChunkedPrompt {
        let fragments = parseEmphasis ? try AttentionParser.parse(text) : [WeightedFragment(text: text, weight: 1)]
        return try chunks(for: fragments)
    }

    public func chunks(for fragments: [WeightedFragment]) throws(PromptingError) -> ChunkedPrompt {
        var state = ChunkingState(padToken: padToken)
        for fragment in fragments {
            if fragment.isBreak {
                state.closeChunk()
                continue
            }
            let ids = tokenizer.encode(fragment.text)
            let weight = Float(fragment.weight)
            var position = 0
            while position < ids.count {
                let id = ids[position]
                if id == Self.commaToken {
                    state.lastComma = state.current.tokens.count
                } else if commaBacktrack != 0, state.current.isFull, state.lastComma != -1,
                          state.current.tokens.count - state.lastComma <= commaBacktrack {
                    state.moveTextAfterLastComma()
                }
                if state.current.isFull { state.closeChunk() }
                guard let (embedding, length) = embeddings.match(in: ids, at: position) else {
                    state.current.tokens.append(id)
                    state.current.weights.append(weight)
                    position += 1
                    continue
                }
                guard embedding.vectorCount <= PromptChunk.contentLength else {
                    throw .embeddingTooLong(name: embedding.name, vectorCount: embedding.vectorCount)
                }
                if state.current.tokens.count + embedding.vectorCount > PromptChunk.contentLength { state.closeChunk() }
                state.current.embeddings.append(
                    EmbeddingSlot(position: state.current.tokens.count, name: embedding.name, vectorCount: embedding.vectorCount))
                state.current.tokens += Array(repeating: 0, count: embedding.vectorCount)
                state.current.weights += Array(repeating: weight, count: embedding.vectorCount)
                position += length
            }
        }
        if !state.current.tokens.isEmpty || state.chunks.isEmpty { state.closeChunk(isLast: true) }
        return ChunkedPrompt(chunks: state.chunks, tokenCount: state.tokenCount)
    }

    /// Appends empty windows to the shorter list so both have the same count, as A1111 pads
    /// cond and uncond (and prompts of one batch) before encoding them together.
    public func equalizeChunkCounts(_ first: inout [PromptChunk], _ second: inout [PromptChunk]) {
        let count = max(first.count, second.count)
        let empty = PromptChunk.empty(padToken: padToken)
        first += Array(repeating: empty, count: count - first.count)
        second += Array(repeating: empty, count: count - second.count)
    }
}

/// The windows of a prompt and A1111's token count (what its UI shows as `n/75`).
public struct ChunkedPrompt: Equatable, Sendable {
    public var chunks: [PromptChunk]
    public var tokenCount: Int
}

/// A1111's `tokenize_line` bookkeeping between tokens.
private struct ChunkingState {
    let padToken: Int32
    var chunks: [PromptChunk] = []
    var current = PromptChunkBuilder()
    var tokenCount = 0
    var lastComma = -1

    init(padToken: Int32) { self.padToken = padToken }

    mutating func closeChunk(isLast: Bool = false) {
        tokenCount += isLast ? current.tokens.count : PromptChunk.contentLength
        chunks.append(current.finished(padToken: padToken))
        current = PromptChunkBuilder()
        lastComma = -1
    }

    /// Ends the window after its last comma and starts the next with the tokens that followed.
    /// Embedding slots move with their tokens (A1111 leaves them behind, pointing at padding).
    mutating func moveTextAfterLastComma() {
        let cut = lastComma + 1
        var moved = PromptChunkBuilder()
        moved.tokens = Array(current.tokens[cut...])
        moved.weights = Array(current.weights[cut...])
        moved.embeddings = current.embeddings.filter { $0.position >= cut }.map {
            EmbeddingSlot(position: $0.position - cut, name: $0.name, vectorCount: $0.vectorCount)
        }
        current.tokens.removeSubrange(cut...)
        current.weights.removeSubrange(cut...)
        current.embeddings.removeAll { $0.position >= cut }
        closeChunk()
        current = moved
    }
}
