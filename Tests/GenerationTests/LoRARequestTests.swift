import Checkpoint
import Foundation
import Testing

@testable import Generation

/// Which LoRAs a request asks for, and how the model cache applies them.
@Suite struct LoRARequestTests {
    @Test func theFieldComesFirstThenPromptTagsWithA1111Multipliers() {
        let field = [LoRASelection(name: "listed", unetStrength: 0.9, textEncoderStrength: 0.2)]
        let requested = LoRASelection.requested(
            field: field, prompt: "a cat <lora:one:0.5:0.8>, <lyco:two> # <lora:commented:1>\n<lora:three:te=0.3>",
            settings: Settings(), disableExtraNetworks: false)
        #expect(requested == field + [
            LoRASelection(name: "one", unetStrength: 0.8, textEncoderStrength: 0.5),
            LoRASelection(name: "two", unetStrength: 1, textEncoderStrength: 1),
            LoRASelection(name: "three", unetStrength: 0.3, textEncoderStrength: 0.3),
        ])
        #expect(LoRASelection.requested(field: field, prompt: "<lora:one:1>", settings: Settings(), disableExtraNetworks: true) == field)
        var noComments = Settings()
        noComments.enablePromptComments = false
        #expect(LoRASelection.requested(field: [], prompt: "# <lora:kept:1>", settings: noComments, disableExtraNetworks: false)
            .map(\.name) == ["kept"])
    }

    @Test func theCacheSwitchesOnlyWhenTheSetChangesAndRestoresTheBase() async throws {
        let cache = TinyModels.makeCache(capacity: 1)
        let selection = try TinyModels.sd15()
        let base = try await cache.model(for: selection)
        let path = TinyModels.folder.appendingPathComponent("cache-test-lora.safetensors").path
        try TestLoRAWriter.write(base: base.detected, to: path, seed: 5, name: "cache-test")
        let lora = ResolvedLoRA(
            mentionedName: "cache-test", path: path, identity: path + "|v1", shortHash: "0123456789ab", unetStrength: 0.7,
            textEncoderStrength: 0.4)

        let patched = try await cache.model(for: selection, loras: [lora])
        let prepared = try #require(patched.loras.weights?.preparedWeightCount)
        #expect(patched.loras.active == [lora])
        #expect(try #require(patched.loras.weights?.heldPatchedWeightCount) > 0)
        let again = try await cache.model(for: selection, loras: [lora])
        #expect(again.loras.weights?.preparedWeightCount == prepared, "the same set again prepares nothing")

        let dropped = try await cache.model(for: selection, loras: [])
        #expect(dropped.loras.active.isEmpty)
        #expect(dropped.loras.weights?.heldPatchedWeightCount == 0)
        #expect(dropped.loras.weights?.preparedWeightCount == prepared, "the base weights come back already prepared")

        var missing = lora
        missing.path += ".gone"
        missing.identity += ".gone"
        await #expect(throws: LoRARequestError.self) { _ = try await cache.model(for: selection, loras: [missing]) }
        #expect(await cache.loaded.count == 1)
    }
}
