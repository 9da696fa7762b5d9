/// Derives a `CLIPConfig` from an HF-layout CLIP text transformer under a canonical prefix.
enum CLIPDetector {
    static func detect(_ source: any TensorSource, prefix p: String, role: TextEncoderRole) throws(CheckpointError) -> CLIPConfig {
        let tokens = try source.requireShape(p + "text_model.embeddings.token_embedding.weight", rank: 2)
        let positions = try source.requireShape(p + "text_model.embeddings.position_embedding.weight", rank: 2)
        let fc1 = try source.requireShape(p + "text_model.encoder.layers.0.mlp.fc1.weight", rank: 2)
        let width = tokens[1]
        return CLIPConfig(
            layers: KeyIndex(source.keys(withPrefix: p)).count(p + "text_model.encoder.layers."),
            width: width,
            heads: CLIPConfig.conventionalHeads(width: width),
            intermediateSize: fc1[0],
            vocabSize: tokens[0],
            maxPositions: positions[0],
            projectionDim: try source.shape(p + "text_projection.weight", rank: 2)?[0],
            activation: role.activation)
    }
}
