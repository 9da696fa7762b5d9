import Checkpoint
import SDTesting
import Tensor
import Testing

@testable import Diffusion

/// A tiny UNet and CLIP built over the LoRA-patched source give the outputs of the same models
/// built over the base carrying PyTorch's patched weights (the models themselves are proven
/// against diffusers/transformers by their own parity tests).
@Suite struct LoRAModelOutputTests {
    let fixtures: LoRAFixtures
    init() throws { fixtures = try LoRAFixtures() }

    @Test(arguments: ["pair", "chain"])
    func patchedUNetMatchesReferenceWeights(_ name: String) throws {
        let base = try LoRAFixtures.base()
        var state = LoRAWeightState(base: base)
        _ = try state.activate(try fixtures.applications(name))
        let reference = OverlaySource(base: base, overrides: try fixtures.referenceWeights(name))
        let config = LoRAFixtures.model.unet, backend = ReferenceBackend(), input = try LoRAModelInputs()
        let actual = try input.run(try UNet(config: config, source: state.source, backend: backend))
        let expected = try input.run(try UNet(config: config, source: reference, backend: backend))
        expectClose(actual, expected, tolerance: Tolerance(abs: 1e-5), "\(name): patched UNet output")
    }

    @Test(arguments: ["pair", "chain"])
    func patchedCLIPMatchesReferenceWeights(_ name: String) throws {
        let base = try LoRAFixtures.base()
        var state = LoRAWeightState(base: base)
        _ = try state.activate(try fixtures.applications(name))
        let reference = OverlaySource(base: base, overrides: try fixtures.referenceWeights(name))
        let encoder = LoRAFixtures.model.textEncoders[0], backend = ReferenceBackend()
        let input = CLIPTextInput(tokens: [[49406, 320, 1929, 539, 320, 2368, 49407]])
        let request = CLIPTextRequest(layerFromEnd: 1, finalLayerNorm: true)
        let actual = try CLIPTextTransformer(encoder, source: state.source, backend: backend).encode(input, request: request, backend: backend)
        let expected = try CLIPTextTransformer(encoder, source: reference, backend: backend).encode(input, request: request, backend: backend)
        let plain = try CLIPTextTransformer(encoder, source: base, backend: backend).encode(input, request: request, backend: backend)
        expectClose(actual.hidden, expected.hidden, tolerance: Tolerance(abs: 1e-5), "\(name): patched CLIP hidden states")
        let change = zip(actual.hidden.floats(), plain.hidden.floats()).map { abs($0 - $1) }.max() ?? 0
        #expect(change > 1e-3, "the LoRA changes the text encoding (max-abs \(change))")
    }
}
