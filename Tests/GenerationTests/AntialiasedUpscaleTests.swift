import SDTesting
import Tensor
import Testing
@testable import Generation

/// A1111's antialiased latent modes against PyTorch's `interpolate(antialias=True)`
/// (fixtures from `tools/fixtures/hires/make_fixtures.py`).
struct AntialiasedUpscaleTests {
    struct Case: Decodable {
        let name: String
        let input: String
        let output: String
        let mode: String
        let size: [Int]
    }

    struct Manifest: Decodable { let cases: [Case] }

    static let formatVersion = 1

    @Test func matchesPyTorchAntialiasedInterpolate() throws {
        let fixtures = try FixtureSet(area: "hires", expectedVersion: Self.formatVersion)
        let cases = try fixtures.decodeManifest(as: Manifest.self).cases
        #expect(cases.count == 8)
        for item in cases {
            let x = try fixtures.tensor(named: item.input)
            let mode: HiresUpscale.Latent = item.mode == "bilinear" ? .bilinearAntialiased : .bicubicAntialiased
            let y = try HiresUpscale.resize(x, height: item.size[0], width: item.size[1], mode: mode, backend: ReferenceBackend())
            expectClose(y, try fixtures.tensor(named: item.output), tolerance: Tolerance(abs: 1e-5, rel: 1e-5), item.name)
        }
    }

    @Test func antialiasedNamesResolveToTheirModes() throws {
        #expect(try HiresUpscale("Latent (antialiased)") == .latent(.bilinearAntialiased))
        #expect(try HiresUpscale("Latent (bicubic antialiased)") == .latent(.bicubicAntialiased))
    }

    @Test func shrinkingWeighsEveryCoveredSample() {
        // Halving stretches the triangle to 2 samples each side: output 1 (centre 3.0) reads
        // inputs 1...4 at ¼, ¾, ¾, ¼, normalised; plain bilinear would read only 2 and 3.
        let taps = AntialiasedResize.taps(input: 8, output: 4, filter: .triangle)
        #expect(taps[1] == AntialiasedResize.Taps(start: 1, weights: [0.125, 0.375, 0.375, 0.125]))
    }
}
