/// Derives a `UNetConfig` from LDM UNet tensors (engine notes §1.3): walks the input blocks,
/// closing a resolution level at each downsample, and reads widths from weight shapes.
enum UNetDetector {
    static func detect(_ source: any TensorSource, prefix p: String = CanonicalPrefix.unet) throws(CheckpointError) -> UNetConfig {
        let index = KeyIndex(source.keys(withPrefix: p))
        let convIn = try source.requireShape(p + "input_blocks.0.0.weight", rank: 4)
        let modelChannels = convIn[0]
        let outConv = try source.requireShape(p + "out.2.weight", rank: 4)

        var channelMult: [Int] = [], numResBlocks: [Int] = [], depths: [Int] = []
        var resBlocksInLevel = 0, levelMult = 1
        var contextDim: Int?, linear = false
        for block in 1..<max(index.count(p + "input_blocks."), 1) {
            let b = p + "input_blocks.\(block)."
            if source.has(b + "0.op.weight") {
                channelMult.append(levelMult)
                numResBlocks.append(resBlocksInLevel)
                resBlocksInLevel = 0
            } else if let out = try source.shape(b + "0.out_layers.3.weight", rank: 4) {
                resBlocksInLevel += 1
                guard out[0] % modelChannels == 0 else {
                    throw .malformed(file: source.fileName, key: b + "0.out_layers.3.weight",
                                     reason: "width \(out[0]) is not a multiple of model channels \(modelChannels)")
                }
                levelMult = out[0] / modelChannels
                depths.append(index.count(b + "1.transformer_blocks."))
                if contextDim == nil, let toK = try source.shape(b + "1.transformer_blocks.0.attn2.to_k.weight", rank: 2) {
                    contextDim = toK[1]
                    linear = source.shape(b + "1.proj_in.weight")?.count == 2
                }
            } else {
                throw .malformed(file: source.fileName, key: b, reason: "input block is neither a ResBlock nor a downsample")
            }
        }
        channelMult.append(levelMult)
        numResBlocks.append(resBlocksInLevel)

        let outputCount = index.count(p + "output_blocks.")
        guard outputCount == numResBlocks.reduce(0, { $0 + $1 + 1 }) else {
            throw .malformed(file: source.fileName, key: p + "output_blocks",
                             reason: "\(outputCount) output blocks do not mirror the input levels \(numResBlocks)")
        }
        let outputDepths = (0..<outputCount).map { index.count(p + "output_blocks.\($0).1.transformer_blocks.") }
        if contextDim == nil, let toK = try source.shape(p + "middle_block.1.transformer_blocks.0.attn2.to_k.weight", rank: 2) {
            contextDim = toK[1]
            linear = source.shape(p + "middle_block.1.proj_in.weight")?.count == 2
        }
        return UNetConfig(
            inChannels: convIn[1], outChannels: outConv[0], modelChannels: modelChannels,
            channelMult: channelMult, numResBlocks: numResBlocks,
            transformerDepth: depths,
            transformerDepthMiddle: index.count(p + "middle_block.1.transformer_blocks."),
            transformerDepthOutput: outputDepths,
            contextDim: contextDim, useLinearProjection: linear,
            admInChannels: try source.shape(p + "label_emb.0.0.weight", rank: 2)?[1],
            attentionHeads: linear ? .headDim(64) : .count(8))
    }

}
