import Checkpoint
import Tensor

/// A CLIP text transformer in the HF layout under a canonical prefix (`text_model.*`,
/// `text_projection.weight`): OpenAI CLIP-L with quickGELU, OpenCLIP ViT-H / bigG with GELU.
/// Encodes token ids to any hidden state (for clip skip) and the pooled output.
public struct CLIPTextTransformer: Sendable {
    static let layerNormEps: Float = 1e-5

    public let config: CLIPConfig
    let embeddings: CLIPTextEmbeddings
    let layers: [CLIPEncoderLayer]
    let finalLayerNorm: LayerNorm
    let textProjection: Linear?

    /// Loads a detected text encoder; fails with the full key on a missing, mis-shaped or
    /// unused tensor under its prefix.
    public init(_ encoder: TextEncoder, source: any TensorSource, backend: any Backend) throws(ModelLoadError) {
        try self.init(config: encoder.config, prefix: encoder.prefix, source: source, backend: backend)
    }

    public init(config c: CLIPConfig, prefix p: String, source: any TensorSource, backend: any Backend) throws(ModelLoadError) {
        var reader = CLIPWeightReader(source: source, backend: backend)
        let t = p + "text_model."
        config = c
        embeddings = try CLIPTextEmbeddings(c, prefix: t + "embeddings.", reader: &reader)
        var layers: [CLIPEncoderLayer] = []
        for index in 0..<c.layers {
            layers.append(try CLIPEncoderLayer(c, prefix: t + "encoder.layers.\(index).", reader: &reader))
        }
        self.layers = layers
        finalLayerNorm = try reader.layerNorm(t + "final_layer_norm.", width: c.width, eps: Self.layerNormEps)
        textProjection = try c.projectionDim.map { (projection) throws(ModelLoadError) in
            try reader.linear(p + "text_projection.", in: c.width, out: projection, bias: false)
        }
        try reader.requireAllUsed(under: p)
    }

    /// Runs the layers needed for `request` (all of them when pooling).
    public func encode(_ input: CLIPTextInput, request: CLIPTextRequest, backend: any Backend) throws -> CLIPTextOutput {
        try validate(input, request)
        let (B, T, D) = (input.tokens.count, input.tokens[0].count, config.width)
        // Layers to run before the requested hidden state: hidden_states[-n] follows layer L+1-n.
        let selectedAfter = layers.count + 1 - request.layerFromEnd
        let runLayers = request.pooling == .none ? selectedAfter : layers.count
        var x = try embeddings(input, backend: backend)  // [B, T, D]
        var selected = x
        for index in 0..<runLayers {
            x = try layers[index](x, backend: backend)
            if index + 1 == selectedAfter { selected = x }
        }
        let hidden = request.finalLayerNorm ? try finalLayerNorm(selected, backend: backend) : selected
        guard request.pooling != .none else { return CLIPTextOutput(hidden: hidden, pooled: nil) }

        let endPositions = input.tokens.enumerated().map { row, ids in row * T + Self.firstArgmax(ids) }
        let ends = try backend.embedding(x.reshaped([B * T, D]), indices: endPositions)  // [B, D]
        var pooled = try finalLayerNorm(ends, backend: backend)
        if request.pooling == .projected, let textProjection {
            pooled = try textProjection(pooled, backend: backend)  // [B, projection]
        }
        return CLIPTextOutput(hidden: hidden, pooled: pooled)
    }

    /// `torch.argmax`: the first index of the largest id (the first end-of-text token).
    static func firstArgmax(_ ids: [Int]) -> Int {
        var best = 0
        for index in ids.indices where ids[index] > ids[best] { best = index }
        return best
    }

    private func validate(_ input: CLIPTextInput, _ request: CLIPTextRequest) throws(CLIPInputError) {
        guard let T = input.tokens.first?.count, T > 0 else { throw .invalidTokens(reason: "no tokens") }
        guard T <= config.maxPositions, input.tokens.allSatisfy({ $0.count == T }) else {
            throw .invalidTokens(reason: "rows must share one length of at most \(config.maxPositions), got \(input.tokens.map(\.count))")
        }
        if let bad = input.tokens.joined().first(where: { $0 < 0 || $0 >= config.vocabSize }) {
            throw .invalidTokens(reason: "token id \(bad) is outside the vocabulary of \(config.vocabSize)")
        }
        guard input.insertions.count == input.tokens.count else {
            throw .invalidTokens(reason: "\(input.insertions.count) insertion lists for \(input.tokens.count) rows")
        }
        for (row, insertions) in input.insertions.enumerated() {
            for insertion in insertions {
                guard (0..<T).contains(insertion.position) else {
                    throw .invalidInsertion(row: row, position: insertion.position, reason: "outside the \(T) positions")
                }
                guard insertion.vectors.rank == 2, insertion.vectors.shape[1] == config.width else {
                    throw .invalidInsertion(
                        row: row, position: insertion.position,
                        reason: "vectors of shape \(insertion.vectors.shape) do not fit an encoder \(config.width) wide")
                }
            }
        }
        guard (1...layers.count + 1).contains(request.layerFromEnd) else {
            throw .invalidRequest(reason: "layer \(request.layerFromEnd) from the end does not exist in \(layers.count) layers")
        }
        if request.pooling == .projected, textProjection == nil {
            throw .invalidRequest(reason: "projected pooling asked of an encoder without text_projection")
        }
    }
}
