/// Canonical keys and shapes of a CLIP text transformer in the HF layout.
enum CLIPLayout {
    static func add(_ c: CLIPConfig, prefix p: String, to b: inout LayoutBuilder) {
        let t = p + "text_model."
        b.add(t + "embeddings.token_embedding.weight", [c.vocabSize, c.width])
        b.add(t + "embeddings.position_embedding.weight", [c.maxPositions, c.width])
        for layer in 0..<c.layers {
            let l = t + "encoder.layers.\(layer)."
            for name in ["q_proj", "k_proj", "v_proj", "out_proj"] { b.linear(l + "self_attn.\(name).", c.width, c.width) }
            b.norm(l + "layer_norm1.", c.width)
            b.linear(l + "mlp.fc1.", c.width, c.intermediateSize)
            b.linear(l + "mlp.fc2.", c.intermediateSize, c.width)
            b.norm(l + "layer_norm2.", c.width)
        }
        b.norm(t + "final_layer_norm.", c.width)
        if let projection = c.projectionDim { b.linear(p + "text_projection.", c.width, projection, bias: false) }
    }
}
