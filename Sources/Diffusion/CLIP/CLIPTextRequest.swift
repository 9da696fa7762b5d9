import Tensor

/// Token ids for one batch of sequences, with textual-inversion vectors to put in place of
/// some token embeddings.
public struct CLIPTextInput: Sendable {
    /// `[B][T]` token ids; every row has the same length `T` ≤ the model's positions.
    public var tokens: [[Int]]
    /// Per row, vectors replacing the token embeddings from `position` on (before position
    /// embeddings are added); `[]` when a row has none.
    public var insertions: [[EmbeddingInsertion]]

    public init(tokens: [[Int]], insertions: [[EmbeddingInsertion]]? = nil) {
        self.tokens = tokens
        self.insertions = insertions ?? Array(repeating: [], count: tokens.count)
    }
}

/// Textual-inversion vectors `[n, width]` written over token embeddings `position..<position+n`.
/// Rows that would run past the sequence end are dropped, as AUTOMATIC1111's
/// `EmbeddingsWithFixes` does.
public struct EmbeddingInsertion: Sendable {
    public var position: Int
    public var vectors: Tensor

    public init(position: Int, vectors: Tensor) {
        self.position = position
        self.vectors = vectors
    }
}

/// Which outputs an encode computes.
public struct CLIPTextRequest: Sendable, Equatable {
    /// Hidden state to return, counted from the end as in `transformers`' `hidden_states[-n]`:
    /// 1 = output of the last layer, 2 = of the penultimate one, `layers + 1` = the embeddings.
    public var layerFromEnd: Int
    /// Apply `final_layer_norm` to that hidden state.
    public var finalLayerNorm: Bool
    public var pooling: CLIPPooling

    public init(layerFromEnd: Int, finalLayerNorm: Bool, pooling: CLIPPooling = .none) {
        self.layerFromEnd = layerFromEnd
        self.finalLayerNorm = finalLayerNorm
        self.pooling = pooling
    }
}

/// The pooled output: the final-layer-normed last hidden state at the end-of-text token
/// (the first position holding the largest token id, `argmax`).
public enum CLIPPooling: Sendable, Equatable {
    case none
    /// `[B, width]`, `pooler_output` of `transformers.CLIPTextModel`.
    case normalized
    /// Through `text_projection`: `[B, projection]`, `text_embeds` of `CLIPTextModelWithProjection`.
    case projected
}

public struct CLIPTextOutput: Sendable {
    /// `[B, T, width]`
    public var hidden: Tensor
    /// `[B, width]` or `[B, projection]`; nil when not requested.
    public var pooled: Tensor?
}

/// Input an encoder cannot run on: wrong token ids, lengths or embedding widths.
public enum CLIPInputError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidTokens(reason: String)
    case invalidInsertion(row: Int, position: Int, reason: String)
    case invalidRequest(reason: String)

    public var description: String {
        switch self {
        case let .invalidTokens(reason): "CLIP token input: \(reason)"
        case let .invalidInsertion(row, position, reason): "textual-inversion vectors at row \(row), position \(position): \(reason)"
        case let .invalidRequest(reason): "CLIP request: \(reason)"
        }
    }
}
