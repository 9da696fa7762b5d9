/// Canonical keys and shapes of an LDM AutoencoderKL (`first_stage_model.*` names).
enum VAELayout {
    static func add(_ c: VAEConfig, prefix p: String, to b: inout LayoutBuilder) {
        let widths = c.channelMult.map { $0 * c.baseChannels }
        let last = widths.count - 1
        b.conv(p + "encoder.conv_in.", c.inChannels, c.baseChannels, kernel: 3)
        var width = c.baseChannels
        for (level, out) in widths.enumerated() {
            for block in 0..<c.numResBlocks {
                resBlock(p + "encoder.down.\(level).block.\(block).", width, out, &b)
                width = out
            }
            if level != last { b.conv(p + "encoder.down.\(level).downsample.conv.", width, width, kernel: 3) }
        }
        middle(p + "encoder.mid.", width, &b)
        b.norm(p + "encoder.norm_out.", width)
        b.conv(p + "encoder.conv_out.", width, 2 * c.latentChannels, kernel: 3)
        b.conv(p + "quant_conv.", 2 * c.latentChannels, 2 * c.embedDim, kernel: 1)
        b.conv(p + "post_quant_conv.", c.embedDim, c.latentChannels, kernel: 1)

        width = widths[last]
        b.conv(p + "decoder.conv_in.", c.latentChannels, width, kernel: 3)
        middle(p + "decoder.mid.", width, &b)
        for (level, out) in widths.enumerated().reversed() {
            for block in 0...c.numResBlocks {
                resBlock(p + "decoder.up.\(level).block.\(block).", width, out, &b)
                width = out
            }
            if level != 0 { b.conv(p + "decoder.up.\(level).upsample.conv.", width, width, kernel: 3) }
        }
        b.norm(p + "decoder.norm_out.", width)
        b.conv(p + "decoder.conv_out.", width, c.outChannels, kernel: 3)
    }

    private static func resBlock(_ p: String, _ inputs: Int, _ outputs: Int, _ b: inout LayoutBuilder) {
        b.norm(p + "norm1.", inputs)
        b.conv(p + "conv1.", inputs, outputs, kernel: 3)
        b.norm(p + "norm2.", outputs)
        b.conv(p + "conv2.", outputs, outputs, kernel: 3)
        if inputs != outputs { b.conv(p + "nin_shortcut.", inputs, outputs, kernel: 1) }
    }

    /// ResBlock, single-head self-attention with 1x1-conv projections, ResBlock.
    private static func middle(_ p: String, _ width: Int, _ b: inout LayoutBuilder) {
        resBlock(p + "block_1.", width, width, &b)
        b.norm(p + "attn_1.norm.", width)
        for name in ["q", "k", "v", "proj_out"] { b.conv(p + "attn_1.\(name).", width, width, kernel: 1) }
        resBlock(p + "block_2.", width, width, &b)
    }
}
