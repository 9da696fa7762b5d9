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
