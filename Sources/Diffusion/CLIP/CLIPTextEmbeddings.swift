import Checkpoint
import Tensor

/// Token plus position embeddings (`text_model.embeddings.*`), with textual-inversion vectors
/// written over token embeddings before positions are added.
struct CLIPTextEmbeddings: Sendable {
    let tokenEmbedding: Tensor  // [vocab, D]
    let positionEmbedding: Tensor  // [positions, D]

    init(_ c: CLIPConfig, prefix p: String, reader: inout CLIPWeightReader) throws(ModelLoadError) {
        tokenEmbedding = try reader.tensor(p + "token_embedding.weight", shape: [c.vocabSize, c.width])
        positionEmbedding = try reader.tensor(p + "position_embedding.weight", shape: [c.maxPositions, c.width])
    }

    /// Input already validated by `CLIPTextTransformer`.
    func callAsFunction(_ input: CLIPTextInput, backend: any Backend) throws -> Tensor {
        let (B, T, D) = (input.tokens.count, input.tokens[0].count, tokenEmbedding.shape[1])
        var tokens = try backend.embedding(tokenEmbedding, indices: input.tokens.flatMap { $0 })  // [B*T, D]
        if input.insertions.contains(where: { !$0.isEmpty }) {
            var values = tokens.floats()
            for (row, insertions) in input.insertions.enumerated() {
                for insertion in insertions {
                    let vectors = insertion.vectors.floats()
                    let rows = min(insertion.vectors.shape[0], T - insertion.position)
                    let start = (row * T + insertion.position) * D
                    values.replaceSubrange(start..<start + rows * D, with: vectors[0..<rows * D])
                }
            }
            tokens = try Tensor(shape: [B * T, D], values: values)
        }
        let positions = try backend.slice(positionEmbedding, dim: 0, start: 0, end: T)  // [T, D]
        return try backend.binary(tokens.reshaped([B, T, D]), positions, .add)  // [B, T, D]
    }
}
