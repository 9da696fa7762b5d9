import Checkpoint
import SDTesting
import Tensor
import Testing

@testable import Diffusion

/// Tiny UNets at real layouts against diffusers' `UNet2DConditionModel` (fixtures from
/// `tools/fixtures/diffusion/make_fixtures.py`), on the reference backend and CPUBackend in fp32 and bf16.
@Suite struct UNetParityTests {
    let fixtures: DiffusionFixtures
    init() throws { fixtures = try DiffusionFixtures() }

    @Test(arguments: ["sd1", "sd1-inpaint", "sd2-v", "sdxl"], ParityBackend.allCases)
    func matchesDiffusers(_ name: String, on backend: ParityBackend) throws {
        let fixture = try fixtures.case(name)
        let config = try #require(fixture.unetConfig)
        let unet = try UNet(config: config, source: fixtures.source(for: fixture), backend: backend.make())
        let output = try unet(
            fixtures.tensor(fixture.x), timesteps: try #require(fixture.timesteps),
            context: fixtures.tensor(fixture.context), y: fixture.y.map { try fixtures.tensor($0) })
        expectClose(output, try fixtures.tensor(fixture.output), tolerance: backend.tolerance, "\(name) UNet output on \(backend)")
    }

    @Test func timestepFeaturesMatchDiffusers() throws {
        let fixture = try fixtures.case("sd1")
        let features = try sinusoidalEmbedding(try #require(fixture.timesteps), dim: 32)
        expectClose(features, try fixtures.tensor(fixture.timestepFeatures), tolerance: Tolerance(abs: 2e-5), "timestep features")
    }

    @Test(arguments: ["sd1", "sd2-v", "sdxl"])
    func fixtureLayoutIsTheCanonicalLayout(_ name: String) throws {
        let fixture = try fixtures.case(name)
        let config = try #require(fixture.unetConfig)
        let layout = try CheckpointLayout(unet: config, textEncoders: [], vae: nil)
        #expect(layout.shapes == fixture.layout)
    }
}
