/// OpenCLIP text tower (`…model.token_embedding.weight`, `transformer.resblocks.N.attn.in_proj_weight`)
/// → HF CLIP layout (engine notes §1.2). Keys are relative to the tower's prefix.
enum OpenCLIPRules {
    static let renames: [PrefixRename] = [
        PrefixRename("token_embedding.weight", "text_model.embeddings.token_embedding.weight"),
        PrefixRename("positional_embedding", "text_model.embeddings.position_embedding.weight"),
        PrefixRename("ln_final.", "text_model.final_layer_norm."),
        PrefixRename("text_projection.weight", "text_projection.weight"),
    ]

    static let layerRenames: [PrefixRename] = [
        PrefixRename("ln_1.", "layer_norm1."),
        PrefixRename("ln_2.", "layer_norm2."),
        PrefixRename("mlp.c_fc.", "mlp.fc1."),
        PrefixRename("mlp.c_proj.", "mlp.fc2."),
        PrefixRename("attn.out_proj.", "self_attn.out_proj."),
    ]

    static let resblock = KeyPattern("transformer.resblocks.#.")

    /// Canonical (HF) keys for one OpenCLIP key; nil for keys that have no HF counterpart
    /// (`logit_scale`, `attn_mask`).
    static func canonical(_ key: String) -> [(key: String, transform: KeyTransform)]? {
        if key == "text_projection" { return [("text_projection.weight", .transpose)] }
        if let renamed = PrefixRename.apply(renames, to: key) { return [(renamed, .identity)] }
        guard let (numbers, rest) = resblock.match(key) else { return nil }
        let layer = "text_model.encoder.layers.\(numbers[0])."
        if let part = ["in_proj_weight": "weight", "in_proj_bias": "bias"]["\(rest.dropFirst("attn.".count))"],
           rest.hasPrefix("attn.in_proj_") {
            return ["q_proj", "k_proj", "v_proj"].enumerated().map { index, name in
                (layer + "self_attn.\(name).\(part)", .rowBlock(index: index, count: 3))
            }
        }
        return PrefixRename.apply(layerRenames, to: rest).map { [(layer + $0, .identity)] }
    }
}
