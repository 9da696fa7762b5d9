import Checkpoint
import Tensor

/// The LDM/SGM denoising UNet (`openaimodel.UNetModel`) for SD1.x, SD2.x, SDXL and their
/// inpainting variants, built from a `UNetConfig` with weights read by their checkpoint keys
/// (`model.diffusion_model.*`) and prepared once for `backend`.
public struct UNet: Sendable {
    public let config: UNetConfig
    public private(set) var backend: any Backend
    let timeEmbedding: EmbeddingMLP
    /// SDXL's vector conditioning (`label_emb.0`), present when `admInChannels` is set.
    let labelEmbedding: EmbeddingMLP?
    let convIn: Conv2D
    let inputBlocks: [InputBlock]
    let middle: MiddleBlock
    let outputBlocks: [OutputBlock]
    let outNorm: GroupNorm
    let outConv: Conv2D

    /// Loads every tensor under `prefix` and fails on a missing, mis-shaped or unused one.
    public init(
        config: UNetConfig, source: any TensorSource, prefix: String = CanonicalPrefix.unet, backend: any Backend
    ) throws(DiffusionError) {
        if let problem = config.inconsistency { throw .invalidConfig(model: "UNet", reason: problem) }
        let root = WeightReader(source: source, prefix: prefix, backend: backend)
        let base = config.modelChannels, embed = config.timeEmbedDim
        self.config = config
        self.backend = backend
        timeEmbedding = try EmbeddingMLP(root.child("time_embed"), inputs: base, outputs: embed)
        labelEmbedding = try config.admInChannels.map { adm throws(DiffusionError) in
            try EmbeddingMLP(root.child("label_emb").child(0), inputs: adm, outputs: embed)
        }
        convIn = try Conv2D(root.child("input_blocks").child(0).child(0), inputs: config.inChannels, outputs: base, kernel: 3)

        var skipWidths = [base], width = base, blocks: [InputBlock] = [], stageIndex = 0
        for (level, mult) in config.channelMult.enumerated() {
            for _ in 0..<config.numResBlocks[level] {
                let weights = root.child("input_blocks").child(blocks.count + 1)
                blocks.append(.stage(try ResidualStage(
                    weights, inputs: width, outputs: mult * base, depth: config.transformerDepth[stageIndex], config: config)))
                width = mult * base
                skipWidths.append(width)
                stageIndex += 1
            }
            if level != config.channelMult.count - 1 {
                let weights = root.child("input_blocks").child(blocks.count + 1).child(0).child("op")
                blocks.append(.downsample(try Conv2D(weights, inputs: width, outputs: width, kernel: 3, stride: 2)))
                skipWidths.append(width)
            }
        }
        inputBlocks = blocks
        middle = try MiddleBlock(root.child("middle_block"), width: width, config: config)

        var outputs: [OutputBlock] = []
        for (level, mult) in config.channelMult.enumerated().reversed() {
            let count = config.numResBlocks[level] + 1
            for i in 0..<count {
                let skip = skipWidths.removeLast()
                outputs.append(try OutputBlock(
                    root.child("output_blocks").child(outputs.count), inputs: width + skip, outputs: mult * base,
                    depth: config.transformerDepthOutput[outputs.count], upsamples: level != 0 && i == count - 1,
                    config: config))
                width = mult * base
            }
        }
        outputBlocks = outputs
        outNorm = try GroupNorm(root.child("out").child(0), channels: width, eps: 1e-5)
        outConv = try Conv2D(root.child("out").child(2), inputs: width, outputs: config.outChannels, kernel: 3)
        try root.finishLoading()
    }
}

extension UNet {
    /// The same network, sharing its prepared weights, run on `backend`: a backend that takes
    /// the current one's weights, such as `CircularConvolutionBackend` around it (tiling).
    public func running(on backend: any Backend) -> UNet {
        var copy = self
        copy.backend = backend
        return copy
    }
}
