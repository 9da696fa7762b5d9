import Checkpoint
import Diffusion
import Prompting
import Tensor

/// One text encoder of a model with A1111's per-chunk processing
/// (`FrozenCLIPEmbedderWithCustomWordsBase.forward` / `process_tokens`): chunk i of every text
/// is encoded as one batch, weighted, and the chunk results are joined along the sequence.
struct ChunkBatchEncoder: Sendable {
    let role: TextEncoderRole
    let model: CLIPTextTransformer
    let request: CLIPTextRequest

    /// `batch[b]` are the chunks of text b, padded with end-of-text (the chunker's default);
    /// texts with fewer chunks get empty ones. Returns `[B, 77·k, width]` and, when the request
    /// pools, the pooled output of the first chunk `[B, projection]`.
    func encode(
        _ batch: [[PromptChunk]], embeddings: [String: [TextEncoderRole: Tensor]], emphasis: EmphasisMode, backend: any Backend
    ) throws -> (hidden: Tensor, pooled: Tensor?) {
        let chunkCount = batch.map(\.count).max() ?? 0
        let empty = PromptChunk.empty(padToken: CLIPTokenizer.endOfText)
        var pieces: [Tensor] = []
        var firstPooled: Tensor?
        for index in 0..<chunkCount {
            let rows = batch.map { index < $0.count ? $0[index] : empty }
            let input = CLIPTextInput(
                tokens: rows.map { padded($0.tokens.map(Int.init)) },
                insertions: try rows.map { try insertions(for: $0, embeddings: embeddings) })
            let output = try model.encode(input, request: request, backend: backend)
            pieces.append(try EmphasisWeighting.apply(output.hidden, weights: rows.map(\.weights), mode: emphasis, backend: backend))
            if index == 0 { firstPooled = output.pooled }
        }
        guard !pieces.isEmpty else { throw ConditioningError.emptyBatch }
        let hidden = pieces.count == 1 ? pieces[0] : try backend.concat(pieces, dim: 1)  // [B, 77·k, D]
        return (hidden, firstPooled)
    }

    /// For OpenCLIP everything after the first end-of-text becomes 0, as A1111's
    /// `process_tokens` does when pad and end ids differ; CLIP-L keeps the chunk as it is.
    private func padded(_ tokens: [Int]) -> [Int] {
        let pad = A1111LayerRules.padToken(for: role)
        guard pad != Int(CLIPTokenizer.endOfText), let end = tokens.firstIndex(of: Int(CLIPTokenizer.endOfText)) else { return tokens }
        return Array(tokens[...end]) + tokens[(end + 1)...].map { _ in pad }
    }

    private func insertions(for chunk: PromptChunk, embeddings: [String: [TextEncoderRole: Tensor]]) throws -> [EmbeddingInsertion] {
        try chunk.embeddings.map { slot in
            guard let vectors = embeddings[slot.name]?[role] else { throw ConditioningError.embeddingMissing(name: slot.name, role: role) }
            return EmbeddingInsertion(position: slot.position, vectors: vectors)
        }
    }
}
