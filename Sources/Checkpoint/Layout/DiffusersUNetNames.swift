/// The inverse of `DiffusersUNetRules`: the diffusers module path of a canonical LDM UNet
/// module (without `.weight`/`.bias`), used to recognise diffusers-named LoRA keys.
struct DiffusersUNetNames {
    let config: UNetConfig

    static let resnetParts = DiffusersUNetRules.resnetParts.map { PrefixRename($0.to, $0.from) }
    static let topLevel = DiffusersUNetRules.topLevel.map { PrefixRename($0.to, $0.from) }
    static let inputBlock = KeyPattern("input_blocks.#.#.")
    static let outputBlock = KeyPattern("output_blocks.#.#.")
    static let middleBlock = KeyPattern("middle_block.#.")

    /// `module` is an LDM path relative to the UNet with a trailing ".", e.g. "input_blocks.4.1.proj_in.".
    func diffusersName(_ module: String) -> String? {
        let r = config.numResBlocks.first ?? 0
        if let renamed = PrefixRename.apply(Self.topLevel, to: module) { return renamed }
        if let (n, rest) = Self.inputBlock.match(module) {
            let block = n[0] - 1, level = block / (r + 1), index = block % (r + 1)
            if rest.hasPrefix("op.") { return "down_blocks.\(level).downsamplers.0.conv." + rest.dropFirst(3) }
            guard index < r else { return nil }
            return n[1] == 0 ? resnet("down_blocks.\(level).resnets.\(index).", rest)
                             : "down_blocks.\(level).attentions.\(index)." + rest
        }
        if let (n, rest) = Self.middleBlock.match(module) {
            let hasAttention = config.transformerDepthMiddle > 0
            if hasAttention, n[0] == 1 { return "mid_block.attentions.0." + rest }
            return resnet("mid_block.resnets.\(hasAttention ? n[0] / 2 : n[0]).", rest)
        }
        if let (n, rest) = Self.outputBlock.match(module) {
            let level = n[0] / (r + 1), index = n[0] % (r + 1)
            if rest.hasPrefix("conv.") { return "up_blocks.\(level).upsamplers.0.conv." + rest.dropFirst(5) }
            return n[1] == 0 ? resnet("up_blocks.\(level).resnets.\(index).", rest)
                             : "up_blocks.\(level).attentions.\(index)." + rest
        }
        return nil
    }

    private func resnet(_ block: String, _ rest: String) -> String? {
        PrefixRename.apply(Self.resnetParts, to: rest).map { block + $0 }
    }
}
