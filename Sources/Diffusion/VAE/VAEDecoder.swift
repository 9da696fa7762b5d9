import Checkpoint
import Tensor

/// The AutoencoderKL decoder (`decoder.*`): `conv_in`, the mid block, then from the deepest
/// level up `up.<i>.block.<j>` (one more ResBlock than the encoder) and a nearest ×2
/// `upsample.conv`, `norm_out`, SiLU and `conv_out` to RGB.
struct VAEDecoder: Sendable {
    struct Level: Sendable {
        let blocks: [VAEResBlock]
        let upsample: Conv2D?
    }

    let convIn: Conv2D
    let mid: VAEMidBlock
    /// Deepest level first, the order they run in.
    let levels: [Level]
    let normOut: GroupNorm
    let convOut: Conv2D

    init(_ weights: WeightReader, config: VAEConfig) throws(DiffusionError) {
        let widths = config.channelMult.map { $0 * config.baseChannels }
        var width = widths[widths.count - 1]
        convIn = try Conv2D(weights.child("conv_in"), inputs: config.latentChannels, outputs: width, kernel: 3)
        mid = try VAEMidBlock(weights.child("mid"), width: width)
        var levels: [Level] = []
        for (index, out) in widths.enumerated().reversed() {
            let level = weights.child("up").child(index)
            var blocks: [VAEResBlock] = []
            for j in 0...config.numResBlocks {
                blocks.append(try VAEResBlock(level.child("block").child(j), inputs: width, outputs: out))
                width = out
            }
            let upsample = index == 0 ? nil : try Conv2D(level.child("upsample").child("conv"), inputs: width, outputs: width, kernel: 3)
            levels.append(Level(blocks: blocks, upsample: upsample))
        }
        self.levels = levels
        normOut = try GroupNorm(weights.child("norm_out"), channels: width, eps: 1e-6)
        convOut = try Conv2D(weights.child("conv_out"), inputs: width, outputs: config.outChannels, kernel: 3)
    }

    /// Latent `[B, latent, h, w]` -> pixels `[B, 3, h·f, w·f]`, nominally in [-1, 1].
    func callAsFunction(_ z: Tensor, backend: any Backend) throws -> Tensor {
        var h = try convIn(z, backend: backend)
        h = try mid(h, backend: backend)
        for level in levels {
            for block in level.blocks { h = try block(h, backend: backend) }
            if let upsample = level.upsample {
                h = try upsample(backend.upsampleNearest2x(h), backend: backend)  // [B, C, 2h, 2w]
            }
        }
        h = try normOut(h, backend: backend, activation: .silu)
        return try convOut(h, backend: backend)
    }
}
