import Checkpoint
import SDTesting
import Tensor
import Testing

@testable import Diffusion

/// A tiny AutoencoderKL at the real layout against diffusers (fixtures from
/// `tools/fixtures/diffusion/make_fixtures.py`), on the reference backend and CPUBackend.
@Suite struct VAEParityTests {
    let fixtures: DiffusionFixtures
    let fixture: DiffusionFixtures.Case
    let vae: AutoencoderKL

    init() throws {
        fixtures = try DiffusionFixtures()
        fixture = try fixtures.case("vae")
        vae = try AutoencoderKL(
            config: try #require(fixture.vaeConfig), source: fixtures.source(for: fixture), latentScale: 0.18215,
            backend: ReferenceBackend())
    }

    @Test(arguments: ParityBackend.allCases)
    func encoderAndDecoderMatchDiffusers(on backend: ParityBackend) throws {
        let vae = try AutoencoderKL(
            config: try #require(fixture.vaeConfig), source: fixtures.source(for: fixture), latentScale: 0.18215,
            backend: backend.make())
        let posterior = try vae.encodeDistribution(fixtures.tensor(fixture.image))
        expectClose(posterior.mean, try fixtures.tensor(fixture.mean), tolerance: backend.tolerance, "posterior mean on \(backend)")
        expectClose(posterior.logVariance, try fixtures.tensor(fixture.logvar), tolerance: backend.tolerance, "posterior logvar on \(backend)")
        let decoded = try vae.decodeUnscaled(fixtures.tensor(fixture.z))
        expectClose(decoded, try fixtures.tensor(fixture.decoded), tolerance: backend.tolerance, "decoded pixels on \(backend)")
    }

    @Test func decodeUnscalesLatentsAndMapsToUnitRange() throws {
        let z = try fixtures.tensor(fixture.z)
        let backend = ReferenceBackend()
        let rgb = try vae.decode(backend.mul(z, scalar: vae.latentScale))
        let expected = try fixtures.tensor(fixture.decoded).floats().map { min(max(($0 + 1) / 2, 0), 1) }
        expectClose(rgb, try Tensor(shape: rgb.shape, values: expected), tolerance: Tolerance(abs: 1e-4), "RGB in [0, 1]")
    }

    @Test func encodeReturnsScaledPosteriorMean() throws {
        let signed = try fixtures.tensor(fixture.image)
        let unit = try ReferenceBackend().affine(signed, scale: 0.5, offset: 0.5)
        let latents = try vae.encode(unit)
        let expected = try fixtures.tensor(fixture.mean).floats().map { $0 * vae.latentScale }
        expectClose(latents, try Tensor(shape: latents.shape, values: expected), tolerance: Tolerance(abs: 1e-4), "scaled mean")
    }

    /// A standalone VAE file (ldm names without `first_stage_model.`) presented through the
    /// checkpoint canonicalizer loads into the same model.
    @Test func standaloneVAEFileLoadsUnderCanonicalKeys() throws {
        let prefix = CanonicalPrefix.vae
        let standalone = SyntheticRenamedSource(base: fixtures.source(for: fixture), droppingPrefix: prefix)
        let canonical = try Canonicalizer.canonicalize(standalone)
        let override = try AutoencoderKL(
            config: try #require(fixture.vaeConfig), source: canonical, latentScale: 0.13025, backend: ReferenceBackend())
        let decoded = try override.decodeUnscaled(fixtures.tensor(fixture.z))
        expectClose(decoded, try fixtures.tensor(fixture.decoded), tolerance: Tolerance(abs: 1e-4), "standalone VAE")
    }

    @Test func inputsOfTheWrongSizeAreRejected() throws {
        #expect(throws: DiffusionError.self) { try vae.encodeDistribution(Tensor(zeros: [1, 3, 15, 16])) }
        #expect(throws: DiffusionError.self) { try vae.decodeUnscaled(Tensor(zeros: [1, 3, 4, 4])) }
    }
}

/// The same tensors under keys with a prefix removed (a standalone VAE file).
struct SyntheticRenamedSource: TensorSource {
    let base: SyntheticTensorSource
    let droppingPrefix: String
    var fileName: String { "standalone.vae.safetensors" }
    var infos: [String: TensorInfo] {
        Dictionary(uniqueKeysWithValues: base.infos.map { (String($0.key.dropFirst(droppingPrefix.count)), $0.value) })
    }

    func tensor(_ key: String) throws(CheckpointError) -> Tensor {
        try base.tensor(droppingPrefix + key)
    }
}
