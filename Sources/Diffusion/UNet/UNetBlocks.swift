import Checkpoint
import Tensor

/// What every UNet block needs besides its input.
struct BlockInputs {
    /// SiLU of the timestep (+ label) embedding, `[B, 4·model channels]`.
    let activatedEmbedding: Tensor
    /// Text hidden states `[B, S, context width]`.
    let context: Tensor
    let backend: any Backend
}

/// A ResBlock followed, at levels with attention, by a SpatialTransformer (`<n>.0`, `<n>.1`).
struct ResidualStage: Sendable {
    let resBlock: ResBlock
    let transformer: SpatialTransformer?

    init(_ weights: WeightReader, inputs: Int, outputs: Int, depth: Int, config: UNetConfig) throws(DiffusionError) {
        resBlock = try ResBlock(weights.child(0), inputs: inputs, outputs: outputs, embedDim: config.timeEmbedDim)
        transformer = depth > 0 ? try SpatialTransformer(weights.child(1), width: outputs, depth: depth, config: config) : nil
    }

    /// `[B, Cin, H, W]` -> `[B, Cout, H, W]`.
    func callAsFunction(_ x: Tensor, _ inputs: BlockInputs) throws -> Tensor {
        let h = try resBlock(x, activatedEmbedding: inputs.activatedEmbedding, backend: inputs.backend)
        guard let transformer else { return h }
        return try transformer(h, context: inputs.context, backend: inputs.backend)
    }
}

/// One entry of `input_blocks` after `conv_in`: a residual stage or a stride-2 conv (`<n>.0.op`).
enum InputBlock: Sendable {
    case stage(ResidualStage)
    case downsample(Conv2D)

    /// `[B, C, H, W]` -> `[B, C', H, W]`, or `[B, C, ⌈H/2⌉, ⌈W/2⌉]` for a downsample.
    func callAsFunction(_ x: Tensor, _ inputs: BlockInputs) throws -> Tensor {
        switch self {
        case let .stage(stage): try stage(x, inputs)
        case let .downsample(conv): try conv(x, backend: inputs.backend)
        }
    }
}

/// `middle_block`: ResBlock, SpatialTransformer, ResBlock (or two ResBlocks without attention).
struct MiddleBlock: Sendable {
    let first: ResBlock
    let transformer: SpatialTransformer?
    let second: ResBlock

    init(_ weights: WeightReader, width: Int, config: UNetConfig) throws(DiffusionError) {
        let depth = config.transformerDepthMiddle
        first = try ResBlock(weights.child(0), inputs: width, outputs: width, embedDim: config.timeEmbedDim)
        transformer = depth > 0 ? try SpatialTransformer(weights.child(1), width: width, depth: depth, config: config) : nil
        second = try ResBlock(weights.child(depth > 0 ? 2 : 1), inputs: width, outputs: width, embedDim: config.timeEmbedDim)
    }

    func callAsFunction(_ x: Tensor, _ inputs: BlockInputs) throws -> Tensor {
        var h = try first(x, activatedEmbedding: inputs.activatedEmbedding, backend: inputs.backend)
        if let transformer { h = try transformer(h, context: inputs.context, backend: inputs.backend) }
        return try second(h, activatedEmbedding: inputs.activatedEmbedding, backend: inputs.backend)
    }
}

/// One entry of `output_blocks`: a residual stage on the concatenated skip, then at the end of
/// each level but the last a nearest ×2 upsample and conv (`<n>.1.conv` or `<n>.2.conv`).
struct OutputBlock: Sendable {
    let stage: ResidualStage
    let upsample: Conv2D?

    init(
        _ weights: WeightReader, inputs: Int, outputs: Int, depth: Int, upsamples: Bool, config: UNetConfig
    ) throws(DiffusionError) {
        stage = try ResidualStage(weights, inputs: inputs, outputs: outputs, depth: depth, config: config)
        let index = depth > 0 ? 2 : 1
        upsample = upsamples ? try Conv2D(weights.child(index).child("conv"), inputs: outputs, outputs: outputs, kernel: 3) : nil
    }

    /// `[B, Cin, H, W]` -> `[B, Cout, H', W']` where `H' × W'` is `upsampleSize` when upsampling.
    func callAsFunction(_ x: Tensor, _ inputs: BlockInputs, upsampleSize: (height: Int, width: Int)) throws -> Tensor {
        let h = try stage(x, inputs)
        guard let upsample else { return h }
        // Nearest to the size of the skip it meets next, which is 2× except after odd sizes.
        let enlarged = try inputs.backend.resizeNearest(h, height: upsampleSize.height, width: upsampleSize.width)
        return try upsample(enlarged, backend: inputs.backend)
    }
}
