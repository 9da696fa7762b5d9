import Checkpoint
import Tensor

/// The AutoencoderKL encoder (`encoder.*`): `conv_in`, per level `down.<i>.block.<j>` and a
/// stride-2 `downsample.conv` (padded right and bottom only), the mid block, `norm_out`, SiLU and
/// `conv_out` to mean and log-variance channels.
struct VAEEncoder: Sendable {
    struct Level: Sendable {
        let blocks: [VAEResBlock]
        let downsample: Conv2D?
    }

    let convIn: Conv2D
    let levels: [Level]
    let mid: VAEMidBlock
    let normOut: GroupNorm
    let convOut: Conv2D

    init(_ weights: WeightReader, config: VAEConfig) throws(DiffusionError) {
        let widths = config.channelMult.map { $0 * config.baseChannels }
        convIn = try Conv2D(weights.child("conv_in"), inputs: config.inChannels, outputs: config.baseChannels, kernel: 3)
        var width = config.baseChannels, levels: [Level] = []
        for (index, out) in widths.enumerated() {
            let level = weights.child("down").child(index)
            var blocks: [VAEResBlock] = []
            for j in 0..<config.numResBlocks {
                blocks.append(try VAEResBlock(level.child("block").child(j), inputs: width, outputs: out))
                width = out
            }
            let downsample = index == widths.count - 1
                ? nil : try Conv2D(level.child("downsample").child("conv"), inputs: width, outputs: width, kernel: 3, stride: 2, padding: 0)
            levels.append(Level(blocks: blocks, downsample: downsample))
        }
        self.levels = levels
        mid = try VAEMidBlock(weights.child("mid"), width: width)
        normOut = try GroupNorm(weights.child("norm_out"), channels: width, eps: 1e-6)
        convOut = try Conv2D(weights.child("conv_out"), inputs: width, outputs: 2 * config.latentChannels, kernel: 3)
    }

    /// Pixels `[B, 3, H, W]` in [-1, 1] -> moments `[B, 2·latent, H/f, W/f]`.
    func callAsFunction(_ x: Tensor, backend: any Backend) throws -> Tensor {
        var h = try convIn(x, backend: backend)
        for level in levels {
            for block in level.blocks { h = try block(h, backend: backend) }
            if let downsample = level.downsample {
                let padded = try backend.pad(h, before: [0, 0, 0, 0], after: [0, 0, 1, 1])  // [B, C, H+1, W+1]
                h = try downsample(padded, backend: backend)  // [B, C, H/2, W/2]
            }
        }
        h = try mid(h, backend: backend)
        h = try normOut(h, backend: backend, activation: .silu)
        return try convOut(h, backend: backend)
    }
}
