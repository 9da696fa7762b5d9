import Checkpoint
import Tensor

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
