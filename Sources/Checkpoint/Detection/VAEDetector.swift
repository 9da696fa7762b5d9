/// Derives a `VAEConfig` from LDM AutoencoderKL tensors under a canonical prefix.
enum VAEDetector {
    static func detect(_ source: any TensorSource, prefix p: String = CanonicalPrefix.vae) throws(CheckpointError) -> VAEConfig {
        let index = KeyIndex(source.keys(withPrefix: p))
        let convIn = try source.requireShape(p + "encoder.conv_in.weight", rank: 4)
        let base = convIn[0]
        let levels = index.count(p + "encoder.down.")
        guard levels > 0 else {
            throw .malformed(file: source.fileName, key: p + "encoder.down", reason: "the VAE encoder has no levels")
        }
        var mult: [Int] = []
        for level in 0..<levels {
            let key = p + "encoder.down.\(level).block.0.conv2.weight"
            mult.append(try source.requireShape(key, rank: 4)[0] / base)
        }
        let decoderIn = try source.requireShape(p + "decoder.conv_in.weight", rank: 4)
        let postQuant = try source.requireShape(p + "post_quant_conv.weight", rank: 4)
        return VAEConfig(
            inChannels: convIn[1],
            outChannels: try source.requireShape(p + "decoder.conv_out.weight", rank: 4)[0],
            baseChannels: base,
            channelMult: mult,
            numResBlocks: index.count(p + "encoder.down.0.block."),
            latentChannels: decoderIn[1],
            embedDim: postQuant[1])
    }
}
