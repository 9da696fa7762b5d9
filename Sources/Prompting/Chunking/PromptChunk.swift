/// One CLIP window: `[BOS] + 75 tokens + [EOS]`, short content padded, with the emphasis weight
/// of every position (1 for BOS, EOS and padding). Textual-inversion embeddings occupy
/// placeholder positions (token id 0) that the text encoder fills with the embedding's vectors.
public struct PromptChunk: Equatable, Sendable {
    public static let contentLength = 75
    public static let length = contentLength + 2

    public var tokens: [Int32]
    public var weights: [Float]
    public var embeddings: [EmbeddingSlot]

    public init(tokens: [Int32], weights: [Float], embeddings: [EmbeddingSlot] = []) {
        self.tokens = tokens
        self.weights = weights
        self.embeddings = embeddings
    }

    /// A chunk with no content, which A1111 uses to pad a batch to equal chunk counts.
    public static func empty(padToken: Int32) -> PromptChunk {
        PromptChunkBuilder().finished(padToken: padToken)
    }
}

/// Where an embedding's vectors go: `position` indexes `PromptChunk.tokens` (BOS is 0).
public struct EmbeddingSlot: Equatable, Sendable {
    public var position: Int
    public var name: String
    public var vectorCount: Int

    public init(position: Int, name: String, vectorCount: Int) {
        self.position = position
        self.name = name
        self.vectorCount = vectorCount
    }
}

/// The content of a chunk being filled (without BOS/EOS).
struct PromptChunkBuilder {
    var tokens: [Int32] = []
    var weights: [Float] = []
    var embeddings: [EmbeddingSlot] = []

    var isFull: Bool { tokens.count == PromptChunk.contentLength }

    /// Pads with EOS, wraps in BOS/EOS, then (as A1111 does for OpenCLIP) replaces everything
    /// after the first EOS with `padToken`.
    func finished(padToken: Int32) -> PromptChunk {
        let padding = max(0, PromptChunk.contentLength - tokens.count)
        var ids = [CLIPTokenizer.startOfText] + tokens + Array(repeating: CLIPTokenizer.endOfText, count: padding)
            + [CLIPTokenizer.endOfText]
        if padToken != CLIPTokenizer.endOfText, let firstEnd = ids.firstIndex(of: CLIPTokenizer.endOfText) {
            for index in (firstEnd + 1)..<ids.count { ids[index] = padToken }
        }
        let allWeights = [1] + weights + Array(repeating: 1, count: padding) + [1]
        let slots = embeddings.map { EmbeddingSlot(position: $0.position + 1, name: $0.name, vectorCount: $0.vectorCount) }
        return PromptChunk(tokens: ids, weights: allWeights, embeddings: slots)
    }
}
