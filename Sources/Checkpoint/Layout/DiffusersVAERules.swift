/// diffusers `AutoencoderKL` names → LDM names. diffusers numbers decoder levels from the
/// bottom (`up_blocks.0` is the deepest), LDM from the top, so decoder levels are reversed.
struct DiffusersVAERules {
    static let topLevel: [PrefixRename] = [
        PrefixRename("encoder.conv_norm_out.", "encoder.norm_out."),
        PrefixRename("decoder.conv_norm_out.", "decoder.norm_out."),
        PrefixRename("encoder.conv_in.", "encoder.conv_in."),
        PrefixRename("encoder.conv_out.", "encoder.conv_out."),
        PrefixRename("decoder.conv_in.", "decoder.conv_in."),
        PrefixRename("decoder.conv_out.", "decoder.conv_out."),
        PrefixRename("quant_conv.", "quant_conv."),
        PrefixRename("post_quant_conv.", "post_quant_conv."),
    ]

    /// Mid-block attention; the current names and the pre-0.14 ones.
    static let attentionParts: [PrefixRename] = [
        PrefixRename("group_norm.", "norm."),
        PrefixRename("to_q.", "q."), PrefixRename("query.", "q."),
        PrefixRename("to_k.", "k."), PrefixRename("key.", "k."),
        PrefixRename("to_v.", "v."), PrefixRename("value.", "v."),
        PrefixRename("to_out.0.", "proj_out."), PrefixRename("proj_attn.", "proj_out."),
    ]

    static let encoderResnet = KeyPattern("encoder.down_blocks.#.resnets.#.")
    static let downsampler = KeyPattern("encoder.down_blocks.#.downsamplers.0.")
    static let decoderResnet = KeyPattern("decoder.up_blocks.#.resnets.#.")
    static let upsampler = KeyPattern("decoder.up_blocks.#.upsamplers.0.")
    static let midResnet = ["encoder", "decoder"].map { ($0, KeyPattern("\($0).mid_block.resnets.#.")) }
    static let midAttention = ["encoder", "decoder"].map { ($0, "\($0).mid_block.attentions.0.") }

    let decoderLevels: Int

    init(keys: [String]) {
        decoderLevels = KeyIndex(keys).count("decoder.up_blocks.")
    }

    /// The LDM key and whether a linear attention weight must become a 1x1 convolution.
    func canonical(_ key: String) -> (key: String, transform: KeyTransform)? {
        if let renamed = PrefixRename.apply(Self.topLevel, to: key) { return (renamed, .identity) }
        if let (n, rest) = Self.encoderResnet.match(key) { return ("encoder.down.\(n[0]).block.\(n[1])." + shortcut(rest), .identity) }
        if let (n, rest) = Self.downsampler.match(key) { return ("encoder.down.\(n[0]).downsample." + rest, .identity) }
        if let (n, rest) = Self.decoderResnet.match(key) {
            return ("decoder.up.\(decoderLevels - 1 - n[0]).block.\(n[1])." + shortcut(rest), .identity)
        }
        if let (n, rest) = Self.upsampler.match(key) { return ("decoder.up.\(decoderLevels - 1 - n[0]).upsample." + rest, .identity) }
        for (side, pattern) in Self.midResnet {
            if let (n, rest) = pattern.match(key) { return ("\(side).mid.block_\(n[0] + 1)." + shortcut(rest), .identity) }
        }
        for (side, prefix) in Self.midAttention where key.hasPrefix(prefix) {
            guard let renamed = PrefixRename.apply(Self.attentionParts, to: String(key.dropFirst(prefix.count))) else { return nil }
            let isMatrix = renamed.hasSuffix("weight") && !renamed.hasPrefix("norm.")
            return ("\(side).mid.attn_1." + renamed, isMatrix ? .appendUnitDimensions : .identity)
        }
        return nil
    }

    private func shortcut(_ rest: String) -> String {
        rest.hasPrefix("conv_shortcut.") ? "nin_shortcut." + rest.dropFirst("conv_shortcut.".count) : rest
    }
}
