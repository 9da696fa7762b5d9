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
    public init(_ encoder: TextEncoder, source: any TensorSource, backend: any Backend) throws(DiffusionError) {
        try self.init(config: encoder.config, prefix: encoder.prefix, source: source, backend: backend)
    }

    public init(config c: CLIPConfig, prefix: String, source: any TensorSource, backend: any Backend) throws(DiffusionError) {
        let root = WeightReader(source: source, prefix: prefix, backend: backend)
        let text = root.child("text_model")
        config = c
        embeddings = try CLIPTextEmbeddings(c, weights: text.child("embeddings"))
        var layers: [CLIPEncoderLayer] = []
        for index in 0..<c.layers {
            layers.append(try CLIPEncoderLayer(c, weights: text.child("encoder").child("layers").child(index)))
        }
        self.layers = layers
        finalLayerNorm = try LayerNorm(text.child("final_layer_norm"), channels: c.width, eps: Self.layerNormEps)
        textProjection = try c.projectionDim.map { (projection) throws(DiffusionError) in
            try Linear(root.child("text_projection"), inputs: c.width, outputs: projection, bias: false)
        }
        try root.finishLoading()
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

    private static func invalid(_ argument: String, _ reason: String) -> DiffusionError {
        .invalidInput(model: "CLIP text encoder", argument: argument, reason: reason)
    }

    /// `torch.argmax`: the first index of the largest id (the first end-of-text token).
    static func firstArgmax(_ ids: [Int]) -> Int {
        var best = 0
        for index in ids.indices where ids[index] > ids[best] { best = index }
        return best
    }

    private func validate(_ input: CLIPTextInput, _ request: CLIPTextRequest) throws(DiffusionError) {
        guard let T = input.tokens.first?.count, T > 0 else { throw Self.invalid("tokens", "is empty") }
        guard T <= config.maxPositions, input.tokens.allSatisfy({ $0.count == T }) else {
            throw Self.invalid("tokens", "rows must share one length of at most \(config.maxPositions), got \(input.tokens.map(\.count))")
        }
        if let bad = input.tokens.joined().first(where: { $0 < 0 || $0 >= config.vocabSize }) {
            throw Self.invalid("tokens", "holds id \(bad), outside the vocabulary of \(config.vocabSize)")
        }
        guard input.insertions.count == input.tokens.count else {
            throw Self.invalid("insertions", "has \(input.insertions.count) lists for \(input.tokens.count) rows")
        }
        for (row, insertions) in input.insertions.enumerated() {
            for insertion in insertions {
                guard (0..<T).contains(insertion.position) else {
                    throw Self.invalid("insertions", "row \(row): position \(insertion.position) is outside the \(T) positions")
                }
                guard insertion.vectors.rank == 2, insertion.vectors.shape[1] == config.width else {
                    throw Self.invalid(
                        "insertions", "row \(row): vectors of shape \(insertion.vectors.shape) do not fit an encoder \(config.width) wide")
                }
            }
        }
        guard (1...layers.count + 1).contains(request.layerFromEnd) else {
            throw Self.invalid("request", "asks for layer \(request.layerFromEnd) from the end of \(layers.count) layers")
        }
        if request.pooling == .projected, textProjection == nil {
            throw Self.invalid("request", "asks for projected pooling of an encoder without text_projection")
        }
    }
}
