/// diffusers `UNet2DConditionModel` names → LDM `openaimodel` names (engine notes §7.1).
/// Block numbering needs the ResBlocks per level and which up blocks carry attention, read
/// from the diffusers keys themselves.
struct DiffusersUNetRules {
    static let topLevel: [PrefixRename] = [
        PrefixRename("conv_in.", "input_blocks.0.0."),
        PrefixRename("time_embedding.linear_1.", "time_embed.0."),
        PrefixRename("time_embedding.linear_2.", "time_embed.2."),
        PrefixRename("add_embedding.linear_1.", "label_emb.0.0."),
        PrefixRename("add_embedding.linear_2.", "label_emb.0.2."),
        PrefixRename("conv_norm_out.", "out.0."),
        PrefixRename("conv_out.", "out.2."),
    ]

    static let resnetParts: [PrefixRename] = [
        PrefixRename("norm1.", "in_layers.0."),
        PrefixRename("conv1.", "in_layers.2."),
        PrefixRename("time_emb_proj.", "emb_layers.1."),
        PrefixRename("norm2.", "out_layers.0."),
        PrefixRename("conv2.", "out_layers.3."),
        PrefixRename("conv_shortcut.", "skip_connection."),
    ]

    static let downResnet = KeyPattern("down_blocks.#.resnets.#.")
    static let downAttention = KeyPattern("down_blocks.#.attentions.#.")
    static let downsampler = KeyPattern("down_blocks.#.downsamplers.0.conv.")
    static let midResnet = KeyPattern("mid_block.resnets.#.")
    static let upResnet = KeyPattern("up_blocks.#.resnets.#.")
    static let upAttention = KeyPattern("up_blocks.#.attentions.#.")
    static let upsampler = KeyPattern("up_blocks.#.upsamplers.0.conv.")

    /// ResBlocks per down level (`layers_per_block`).
    let perLevel: Int
    let upBlocksWithAttention: Set<Int>
    let midHasAttention: Bool

    /// Reads the numbering facts from diffusers UNet keys (without prefix).
    init(keys: [String]) {
        perLevel = KeyIndex(keys).count("down_blocks.0.resnets.")
        upBlocksWithAttention = Set(keys.compactMap { Self.upAttention.match($0)?.numbers[0] })
        midHasAttention = keys.contains { $0.hasPrefix("mid_block.attentions.0.") }
    }

    func canonical(_ key: String) -> String? {
        let r = perLevel
        if let renamed = PrefixRename.apply(Self.topLevel, to: key) { return renamed }
        if let (n, rest) = Self.downResnet.match(key) { return resnet("input_blocks.\(1 + (r + 1) * n[0] + n[1]).0.", rest) }
        if let (n, rest) = Self.downAttention.match(key) { return "input_blocks.\(1 + (r + 1) * n[0] + n[1]).1." + rest }
        if let (n, rest) = Self.downsampler.match(key) { return "input_blocks.\((r + 1) * (n[0] + 1)).0.op." + rest }
        if let (n, rest) = Self.midResnet.match(key) { return resnet("middle_block.\(midHasAttention ? 2 * n[0] : n[0]).", rest) }
        if key.hasPrefix("mid_block.attentions.0.") { return "middle_block.1." + key.dropFirst("mid_block.attentions.0.".count) }
        if let (n, rest) = Self.upResnet.match(key) { return resnet("output_blocks.\((r + 1) * n[0] + n[1]).0.", rest) }
        if let (n, rest) = Self.upAttention.match(key) { return "output_blocks.\((r + 1) * n[0] + n[1]).1." + rest }
        if let (n, rest) = Self.upsampler.match(key) {
            let slot = upBlocksWithAttention.contains(n[0]) ? 2 : 1
            return "output_blocks.\((r + 1) * n[0] + r).\(slot).conv." + rest
        }
        return nil
    }

    private func resnet(_ block: String, _ rest: String) -> String? {
        PrefixRename.apply(Self.resnetParts, to: rest).map { block + $0 }
    }
}
