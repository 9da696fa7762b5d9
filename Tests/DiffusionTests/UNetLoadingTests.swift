import Checkpoint
import Tensor
import Testing

@testable import Diffusion

/// Loading a UNet from a checkpoint that does not fit its config fails with the full key.
@Suite struct UNetLoadingTests {
    let fixtures: DiffusionFixtures
    init() throws { fixtures = try DiffusionFixtures() }

    @Test func extraTensorIsReportedAsUnused() throws {
        let fixture = try fixtures.case("sd1")
        var layout = fixture.layout
        layout["model.diffusion_model.input_blocks.1.1.transformer_blocks.1.norm1.weight"] = [32]
        #expect(throws: DiffusionError.unusedWeights(
            file: "extra.safetensors", prefix: CanonicalPrefix.unet,
            keys: ["model.diffusion_model.input_blocks.1.1.transformer_blocks.1.norm1.weight"])) {
            _ = try UNet(config: try #require(fixture.unetConfig), source: SyntheticTensorSource(fileName: "extra.safetensors", shapes: layout),
                         backend: ReferenceBackend())
        }
    }

    @Test func configForAnotherVariantNamesTheFirstMismatchedKey() throws {
        let fixture = try fixtures.case("sd1")
        var config = try #require(fixture.unetConfig)
        config.inChannels = 9  // an inpainting config on a 4-channel checkpoint
        #expect(throws: DiffusionError.weightShape(
            file: "sd1.safetensors", key: "model.diffusion_model.input_blocks.0.0.weight", expected: [32, 9, 3, 3], got: [32, 4, 3, 3])) {
            _ = try UNet(config: config, source: fixtures.source(for: fixture), backend: ReferenceBackend())
        }
    }

    @Test func missingLabelEmbeddingIsReported() throws {
        let fixture = try fixtures.case("sdxl")
        let layout = fixture.layout.filter { !$0.key.contains("label_emb.0.2.bias") }
        #expect(throws: DiffusionError.missingWeight(file: "sdxl.safetensors", key: "model.diffusion_model.label_emb.0.2.bias")) {
            _ = try UNet(config: try #require(fixture.unetConfig), source: SyntheticTensorSource(fileName: "sdxl.safetensors", shapes: layout),
                         backend: ReferenceBackend())
        }
    }

    @Test func forwardRejectsMissingOrUnexpectedY() throws {
        let sdxl = try fixtures.case("sdxl")
        let unet = try UNet(config: try #require(sdxl.unetConfig), source: fixtures.source(for: sdxl), backend: ReferenceBackend())
        let x = try fixtures.tensor(sdxl.x), context = try fixtures.tensor(sdxl.context)
        #expect(throws: DiffusionError.self) { try unet(x, timesteps: [1, 2], context: context, y: nil) }
        #expect(throws: DiffusionError.self) { try unet(x, timesteps: [1], context: context, y: try fixtures.tensor(sdxl.y)) }
    }
}
