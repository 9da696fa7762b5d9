/// Canonical keys and shapes of an LDM/SGM UNet (`openaimodel.UNetModel` names).
enum UNetLayout {
    static func add(_ c: UNetConfig, prefix p: String, to b: inout LayoutBuilder) {
        let ch = c.modelChannels, emb = c.timeEmbedDim
        b.linear(p + "time_embed.0.", ch, emb)
        b.linear(p + "time_embed.2.", emb, emb)
        if let adm = c.admInChannels {
            b.linear(p + "label_emb.0.0.", adm, emb)
            b.linear(p + "label_emb.0.2.", emb, emb)
        }
        b.conv(p + "input_blocks.0.0.", c.inChannels, ch, kernel: 3)

        var skips = [ch], width = ch, block = 1, resIndex = 0
        for (level, mult) in c.channelMult.enumerated() {
            for _ in 0..<c.numResBlocks[level] {
                let out = mult * ch
                resBlock(p + "input_blocks.\(block).0.", width, out, emb, &b)
                transformer(p + "input_blocks.\(block).1.", out, depth: c.transformerDepth[resIndex], c, &b)
                width = out
                skips.append(width)
                block += 1
                resIndex += 1
            }
            if level != c.channelMult.count - 1 {
                b.conv(p + "input_blocks.\(block).0.op.", width, width, kernel: 3)
                skips.append(width)
                block += 1
            }
        }

        resBlock(p + "middle_block.0.", width, width, emb, &b)
        if c.transformerDepthMiddle > 0 {
            transformer(p + "middle_block.1.", width, depth: c.transformerDepthMiddle, c, &b)
            resBlock(p + "middle_block.2.", width, width, emb, &b)
        } else {
            resBlock(p + "middle_block.1.", width, width, emb, &b)
        }

        var output = 0
        for (level, mult) in c.channelMult.enumerated().reversed() {
            let blocks = c.numResBlocks[level] + 1
            for i in 0..<blocks {
                let out = mult * ch
                let skip = skips.removeLast()
                let depth = c.transformerDepthOutput[output]
                resBlock(p + "output_blocks.\(output).0.", width + skip, out, emb, &b)
                transformer(p + "output_blocks.\(output).1.", out, depth: depth, c, &b)
                width = out
                if level != 0, i == blocks - 1 {
                    b.conv(p + "output_blocks.\(output).\(depth > 0 ? 2 : 1).conv.", width, width, kernel: 3)
                }
                output += 1
            }
        }
        b.norm(p + "out.0.", width)
        b.conv(p + "out.2.", width, c.outChannels, kernel: 3)
    }

    private static func resBlock(_ p: String, _ inputs: Int, _ outputs: Int, _ emb: Int, _ b: inout LayoutBuilder) {
        b.norm(p + "in_layers.0.", inputs)
        b.conv(p + "in_layers.2.", inputs, outputs, kernel: 3)
        b.linear(p + "emb_layers.1.", emb, outputs)
        b.norm(p + "out_layers.0.", outputs)
        b.conv(p + "out_layers.3.", outputs, outputs, kernel: 3)
        if inputs != outputs { b.conv(p + "skip_connection.", inputs, outputs, kernel: 1) }
    }

    private static func transformer(_ p: String, _ width: Int, depth: Int, _ c: UNetConfig, _ b: inout LayoutBuilder) {
        guard depth > 0 else { return }
        let context = c.contextDim ?? width
        b.norm(p + "norm.", width)
        projection(p + "proj_in.", width, linear: c.useLinearProjection, &b)
        for k in 0..<depth {
            let t = p + "transformer_blocks.\(k)."
            for attention in ["attn1.", "attn2."] {
                let kvWidth = attention == "attn1." ? width : context
                b.linear(t + attention + "to_q.", width, width, bias: false)
                b.linear(t + attention + "to_k.", kvWidth, width, bias: false)
                b.linear(t + attention + "to_v.", kvWidth, width, bias: false)
                b.linear(t + attention + "to_out.0.", width, width)
            }
            b.linear(t + "ff.net.0.proj.", width, width * 8)  // GEGLU: value and gate, 4× each
            b.linear(t + "ff.net.2.", width * 4, width)
            for norm in 1...3 { b.norm(t + "norm\(norm).", width) }
        }
        projection(p + "proj_out.", width, linear: c.useLinearProjection, &b)
    }

    private static func projection(_ p: String, _ width: Int, linear: Bool, _ b: inout LayoutBuilder) {
        if linear { b.linear(p, width, width) } else { b.conv(p, width, width, kernel: 1) }
    }
}
