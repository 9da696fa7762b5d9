import Foundation
import Imaging
import SDTesting
import Tensor
import Testing
@testable import Generation

/// `tiling`: circular convolutions in the UNet and VAE make the image a picture on a torus, so
/// it wraps around its edges. With random tiny weights neighbouring pixels are no smoother than
/// distant ones, so the wrap is checked exactly instead: on the torus a circular shift of the
/// input shifts the output the same way, which no zero-padded convolution allows near an edge.
struct SeamlessTilingTests {
    /// `[N, C, H, W]` rolled right by `shift` columns (`torch.roll(x, shift, dims=3)`).
    static func rolled(_ x: Tensor, by shift: Int) throws -> Tensor {
        let (w, values) = (x.shape[3], x.floats())
        var out = values
        for row in 0..<values.count / w {
            for column in 0..<w { out[row * w + (column + shift) % w] = values[row * w + column] }
        }
        return try Tensor(shape: x.shape, values: out)
    }

    static let latent = try? Tensor(shape: [1, 4, 8, 16], values: (0..<512).map { sin(Float($0) * 0.7) })

    @Test func tiledVAEDecodesAShiftedLatentAsTheShiftedImage() async throws {
        let plain = try await TinyModels.sharedCache.model(for: TinyModels.sd15())
        let tiled = plain.seamless()
        let z = try #require(Self.latent)
        let factor = tiled.vae.downscaleFactor
        let image = try tiled.vae.decodeUnscaled(z)
        expectClose(
            try tiled.vae.decodeUnscaled(Self.rolled(z, by: 3)), try Self.rolled(image, by: 3 * factor),
            tolerance: Tolerance(abs: 1e-3), "tiled VAE")
        let plainImage = try plain.vae.decodeUnscaled(z)
        let plainShifted = try plain.vae.decodeUnscaled(Self.rolled(z, by: 3))
        let report = compareClose(plainShifted.floats(), try Self.rolled(plainImage, by: 3 * factor).floats(), tolerance: Tolerance(abs: 1e-3))
        #expect(report.maxAbs > 1e-2, "zero padding shows at the edges: \(report)")
    }

    @Test func tiledUNetPredictsTheShiftedNoiseForAShiftedLatent() async throws {
        let plain = try await TinyModels.sharedCache.model(for: TinyModels.sd15())
        let unet = plain.seamless().unet
        let z = try #require(Self.latent)
        let context = Tensor(zeros: [1, 77, try #require(unet.config.contextDim)])
        // Strided downsampling commutes with shifts by whole multiples of the total factor.
        let shift = 1 << (unet.config.channelMult.count - 1)
        let eps = try unet(z, timesteps: [500], context: context)
        expectClose(
            try unet(Self.rolled(z, by: shift), timesteps: [500], context: context), try Self.rolled(eps, by: shift),
            tolerance: Tolerance(abs: 1e-3), "tiled UNet")
        let plainEps = try plain.unet(z, timesteps: [500], context: context)
        let plainShifted = try plain.unet(Self.rolled(z, by: shift), timesteps: [500], context: context)
        let report = compareClose(plainShifted.floats(), try Self.rolled(plainEps, by: shift).floats(), tolerance: Tolerance(abs: 1e-3))
        #expect(report.maxAbs > 1e-2, "zero padding shows at the edges: \(report)")
    }

    @Test func tilingRunsThroughTheJobAndIsRecorded() async throws {
        var request = GenerationRequest.tiny(seed: 21, steps: 2)
        let plain = try await TinyModels.generate(request)
        request.tiling = true
        let tiled = try await TinyModels.generate(request)
        #expect(tiled.infotexts[0].contains("Tiling: True"))
        #expect(!plain.infotexts[0].contains("Tiling"))
        #expect(tiled.images != plain.images)
    }

    @Test func theSettingTurnsTilingOnWhenTheRequestLeavesItOut() {
        var request = GenerationRequest.tiny()
        #expect(!request.tiles)
        request.settings.tiling = true
        #expect(request.tiles)
        request.tiling = false
        #expect(!request.tiles)
    }
}
