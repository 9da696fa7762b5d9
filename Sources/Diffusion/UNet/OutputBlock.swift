import Checkpoint
import Tensor

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
