import SDTesting
import Tensor
import Testing

@testable import Diffusion

@Suite struct VAETilingTests {
    let backend = ReferenceBackend()

    func ramp(_ shape: [Int]) throws -> Tensor {
        try Tensor(shape: shape, values: (0..<shape.reduce(1, *)).map { Float($0 % 97) * 0.01 - 0.3 })
    }

    @Test func tileOriginsCoverTheImageAndEndFlush() {
        #expect(VAETiling.starts(total: 40, tile: 64, overlap: 16) == [0])
        #expect(VAETiling.starts(total: 100, tile: 64, overlap: 16) == [0, 36])
        #expect(VAETiling.starts(total: 150, tile: 64, overlap: 16) == [0, 48, 86])
    }

    /// With a local, position-independent body (nearest ×8 upscaling), blended tiles must
    /// reproduce the untiled result exactly: the weights sum to one everywhere.
    @Test func decodeDirectionBlendsToTheUntiledResult() throws {
        let latents = try ramp([2, 4, 21, 13])
        let upscale = { (x: Tensor) throws -> Tensor in try self.backend.resizeNearest(x, height: x.shape[2] * 8, width: x.shape[3] * 8) }
        let tiled = try VAETiling(tileSize: 8, overlap: 3).run(latents, inputScale: 1, outputScale: 8, body: upscale)
        expectClose(tiled, try upscale(latents), tolerance: Tolerance(abs: 1e-6), "tiled ×8")
    }

    @Test func encodeDirectionBlendsToTheUntiledResult() throws {
        let pixels = try ramp([1, 3, 72, 40])
        let downscale = { (x: Tensor) throws -> Tensor in try self.backend.resizeNearest(x, height: x.shape[2] / 8, width: x.shape[3] / 8) }
        let tiled = try VAETiling(tileSize: 4, overlap: 1).run(pixels, inputScale: 8, outputScale: 1, body: downscale)
        expectClose(tiled, try downscale(pixels), tolerance: Tolerance(abs: 1e-6), "tiled ÷8")
    }

    @Test func tiledVAEDecodeMatchesWholeForOneTileAndBlendsSeams() throws {
        let fixtures = try DiffusionFixtures()
        let fixture = try fixtures.case("vae")
        let vae = try AutoencoderKL(config: try #require(fixture.vaeConfig), source: fixtures.source(for: fixture),
                                    latentScale: 1, backend: backend)
        let latents = try ramp([1, 4, 12, 10])
        let whole = try vae.decode(latents)
        let single = try vae.decode(latents, tiling: VAETiling(tileSize: 16, overlap: 4))
        expectClose(single, whole, tolerance: Tolerance(abs: 1e-6), "one tile is the whole decode")
        let blended = try vae.decode(latents, tiling: VAETiling(tileSize: 8, overlap: 4))
        let hardEdged = try vae.decode(latents, tiling: VAETiling(tileSize: 8, overlap: 0))
        #expect(blended.shape == whole.shape)
        // Tiles lose global attention and border context; ramped overlaps must bring the result
        // closer to the whole decode than tiles cut with hard edges.
        let blendedError = compareClose(blended.floats(), whole.floats(), tolerance: Tolerance(abs: 1)).nmse
        let hardError = compareClose(hardEdged.floats(), whole.floats(), tolerance: Tolerance(abs: 1)).nmse
        #expect(blendedError < hardError, "NMSE blended \(blendedError), hard-edged \(hardError)")
    }

    @Test func invalidTilingIsRejected() {
        #expect(throws: DiffusionError.self) {
            try VAETiling(tileSize: 4, overlap: 4).run(Tensor(zeros: [1, 1, 8, 8]), inputScale: 1, outputScale: 1) { $0 }
        }
    }
}
