import Checkpoint
import SDTesting
import Tensor
import Testing

@testable import Diffusion

/// Patched weights against PyTorch's statement of the formulas (engine notes §7.3/§7.4) for
/// kohya LoRA/LoCon (1×1, 3×3 and Tucker `lora_mid` convs), LoHa (plain and Tucker), LoKr (full,
/// decomposed, Tucker, mixed ranks), PEFT/diffusers keys and full `diff`/`diff_b`, alone and chained
/// with separate UNet and text-encoder strengths.
@Suite struct LoRAParityTests {
    let fixtures: LoRAFixtures
    init() throws { fixtures = try LoRAFixtures() }

    /// On the exact reference backend and on the CPU backend in fp32 (what the server uses).
    @Test(arguments: ["pair", "chain", "single_locon", "single_loha", "single_lokr", "single_peft", "unet_only"], [false, true])
    func patchedWeightsMatchPyTorch(_ name: String, onCPUBackend: Bool) throws {
        let backend: any Backend = onCPUBackend ? try CPUBackend(precision: .fp32) : ReferenceBackend()
        let patched = try PatchedWeights.compute(try fixtures.applications(name), base: try LoRAFixtures.base(), backend: backend)
        let reference = try fixtures.referenceWeights(name)
        #expect(Set(patched.tensors.keys) == Set(reference.keys), "patched keys of \(name)")
        for (key, expected) in reference {
            let actual = try #require(patched.tensors[key], "\(name): \(key) not patched")
            #expect(actual.shape == expected.shape)
            expectClose(actual, expected, tolerance: Tolerance(abs: 1e-5), "\(name) (CPU backend: \(onCPUBackend)): \(key)")
        }
    }

    @Test func everyModuleOfTheFixtureFilesResolves() throws {
        for name in ["locon", "loha", "lokr", "peft"] {
            let file = try fixtures.file(name)
            #expect(file.unmatchedModules.isEmpty, "\(name): \(file.unmatchedModules)")
            #expect(file.unknownTensors.isEmpty, "\(name): \(file.unknownTensors)")
        }
    }

    @Test func zeroStrengthsPatchNothing() throws {
        let set = try fixtures.applications("chain", unetStrength: 0, textEncoderStrength: 0)
        #expect(try PatchedWeights.compute(set, base: try LoRAFixtures.base()).tensors.isEmpty)
    }

    @Test func aLoRAForAnotherShapeIsRejectedWithItsKey() throws {
        let base = try LoRAFixtures.base()
        let key = CanonicalPrefix.unet + "input_blocks.1.1.transformer_blocks.0.attn1.to_q.weight"
        var shapes = base.infos.mapValues(\.shape)
        shapes[key] = [32, 16]
        let other = SyntheticTensorSource(fileName: "other.safetensors", shapes: shapes)
        #expect(throws: LoRAError.self) { try PatchedWeights.compute(try fixtures.applications("single_locon"), base: other) }
        do {
            _ = try PatchedWeights.compute(try fixtures.applications("single_locon"), base: other)
        } catch let error as LoRAError {
            guard case let .shapeMismatch(_, module, targetKey, weightShape, _) = error else {
                Issue.record("expected shapeMismatch, got \(error)")
                return
            }
            #expect(module == "lora_unet_down_blocks_0_attentions_0_transformer_blocks_0_attn1_to_q")
            #expect(targetKey == key)
            #expect(weightShape == [32, 16])
        }
    }
}
