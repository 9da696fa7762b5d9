import Checkpoint
import SDTesting
import Tensor
import Testing

@testable import Diffusion

/// Switching LoRA sets on a loaded model: the same set costs nothing, a change recomputes and
/// re-prepares only the weights whose values change, dropping a set restores the base weights
/// without preparing anything, and the base source is never written.
@Suite struct LoRASwitchingTests {
    let fixtures: LoRAFixtures
    init() throws { fixtures = try LoRAFixtures() }

    private func buildUNet(_ state: LoRAWeightState) throws -> UNet {
        try UNet(config: LoRAFixtures.model.unet, source: state.source, backend: ReferenceBackend())
    }

    @Test func rebuildsPrepareOnlyChangedWeights() throws {
        var state = LoRAWeightState(base: try LoRAFixtures.base())
        _ = try buildUNet(state)
        let basePrepared = state.preparedWeightCount

        let pair = try fixtures.applications("pair")
        let first = try #require(try state.activate(pair))
        let unetKeys = first.changedKeys.filter { $0.hasPrefix(CanonicalPrefix.unet) }
        #expect(unetKeys.count == 7, "pair patches 7 UNet weights: \(unetKeys.sorted())")
        #expect(first.changesUNet && first.changesTextEncoders)
        _ = try buildUNet(state)
        #expect(state.preparedWeightCount == basePrepared + unetKeys.count)

        // The same set again: no switch, and a rebuild prepares nothing.
        #expect(try state.activate(try fixtures.applications("pair")) == nil)
        _ = try buildUNet(state)
        #expect(state.preparedWeightCount == basePrepared + unetKeys.count)

        // Only a text-encoder strength changes: the UNet needs no rebuild.
        let clipOnly = try #require(try state.activate(try fixtures.applications("pair").enumerated().map { index, lora in
            LoRAApplication(identity: lora.identity, file: lora.file, unetStrength: lora.unetStrength,
                            textEncoderStrength: index == 1 ? 0.25 : lora.textEncoderStrength)
        }))
        #expect(!clipOnly.changesUNet && clipOnly.changesTextEncoders)

        // Dropping every LoRA restores the base weights, all prepared already.
        let dropped = try #require(try state.activate([]))
        #expect(dropped.changedKeys.isSuperset(of: unetKeys))
        #expect(state.patched.tensors.isEmpty)
        _ = try buildUNet(state)
        #expect(state.preparedWeightCount == basePrepared + unetKeys.count)
    }

    @Test func twentySwitchesHoldOnlyTheActiveSetsWeights() throws {
        var state = LoRAWeightState(base: try LoRAFixtures.base())
        let sets = [try fixtures.applications("pair"), try fixtures.applications("chain")]
        for request in 0..<20 {
            _ = try state.activate(sets[request % 2])
            _ = try buildUNet(state)
            let patchedUNetKeys = state.patched.tensors.keys.filter { $0.hasPrefix(CanonicalPrefix.unet) && $0.hasSuffix(".weight") }
            #expect(state.heldPatchedWeightCount == patchedUNetKeys.count, "after request \(request)")
        }
    }

    @Test func strengthZeroGivesTheBaseModelExactly() throws {
        let base = try LoRAFixtures.base()
        var state = LoRAWeightState(base: base)
        let input = try LoRAModelInputs()
        let plain = try input.run(try buildUNet(state))
        _ = try state.activate(try fixtures.applications("chain", unetStrength: 0, textEncoderStrength: 0))
        #expect(try input.run(try buildUNet(state)).floats() == plain.floats())
        _ = try state.activate(try fixtures.applications("chain"))
        let patched = try input.run(try buildUNet(state))
        let change = zip(patched.floats(), plain.floats()).map { abs($0 - $1) }.max() ?? 0
        #expect(change > 1e-3, "the LoRA changes the output (max-abs \(change))")
    }

    @Test func failedSwitchKeepsTheActiveSet() throws {
        let base = try LoRAFixtures.base()
        var shapes = base.infos.mapValues(\.shape)
        shapes[CanonicalPrefix.unet + "input_blocks.1.1.transformer_blocks.0.attn1.to_q.weight"] = [32, 16]
        var state = LoRAWeightState(base: SyntheticTensorSource(shapes: shapes))
        _ = try state.activate(try fixtures.applications("single_peft"))
        let active = state.active
        #expect(throws: LoRAError.self) { _ = try state.activate(try fixtures.applications("single_locon")) }
        #expect(state.active == active)
        #expect(!state.patched.tensors.isEmpty)
    }
}

/// One small UNet evaluation on fixed inputs.
struct LoRAModelInputs {
    let x: Tensor, context: Tensor

    init() throws {
        x = try Tensor(shape: [1, 4, 8, 8], values: (0..<256).map { Float(($0 * 37) % 29) / 14 - 1 })
        context = try Tensor(shape: [1, 3, 32], values: (0..<96).map { Float(($0 * 13) % 17) / 8 - 1 })
    }

    func run(_ unet: UNet) throws -> Tensor {
        try unet(x, timesteps: [500], context: context)
    }
}
