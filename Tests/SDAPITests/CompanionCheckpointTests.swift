import Foundation
import Generation
import SDTesting
import Testing

@testable import SDAPI

/// `hr_checkpoint_name` and `refiner_checkpoint` through HTTP: resolved by alias, loaded
/// through the model cache, named in infotext, and an unknown name is A1111's 500.
@Suite struct CompanionCheckpointTests {
    @Test func hiresCheckpointRunsTheSecondPassAndUnknownNamesFail() async throws {
        let server = try GenerationServer.make()
        defer { server.remove() }
        try await server.run { _, client in
            _ = try await client.post("/sdapi/v1/options", json: ["sd_model_checkpoint": "tiny-a"])
            let hires: [(String, JSONValue)] = [("enable_hr", true), ("hr_scale", 1.5), ("denoising_strength", 0.5), ("steps", 2)]
            let same = try await client.post("/sdapi/v1/txt2img", json: GenerationServer.txt2img(
                extra: hires + [("hr_checkpoint_name", "Use same checkpoint")]))
            let other = try await client.post("/sdapi/v1/txt2img", json: GenerationServer.txt2img(
                extra: hires + [("hr_checkpoint_name", "tiny-b [0000000000]")]))  // found with the hash taken off
            #expect(same.status == .ok && other.status == .ok)
            let infotext = try JSONValue.parse(#require(other.json["info"]?.stringValue))["infotexts"]?[0]?.stringValue ?? ""
            #expect(infotext.contains("Denoising strength: 0.5, Hires checkpoint: tiny-b ["), "\(infotext)")
            #expect(infotext.contains("Model: tiny-a"))
            #expect(same.json["images"] != other.json["images"])
            let sameInfotext = try JSONValue.parse(#require(same.json["info"]?.stringValue))["infotexts"]?[0]?.stringValue ?? ""
            #expect(!sameInfotext.contains("Hires checkpoint"))

            let unknown = try await client.post("/sdapi/v1/txt2img", json: GenerationServer.txt2img(
                extra: hires + [("hr_checkpoint_name", "no-such-model")]))
            #expect(unknown.status == .internalServerError)
            #expect(unknown.json["errors"] == "Could not find checkpoint with name no-such-model")
            let refiner = try await client.post("/sdapi/v1/txt2img", json: GenerationServer.txt2img(
                extra: [("refiner_checkpoint", "no-such-refiner"), ("refiner_switch_at", 0.8)]))
            #expect(refiner.status == .internalServerError)
            #expect(refiner.json["errors"] == "Could not find checkpoint with name no-such-refiner")
        }
    }

    @Test func sdxlRefinerTakesOverAndIsNamedInInfotext() async throws {
        let server = try GenerationServer.make()
        defer { server.remove() }
        try GenerationServer.write(.sdxlTiny, "checkpoints/xl-base.safetensors", seed: 4, in: server.models)
        try GenerationServer.write(.sdxlRefinerTiny, "checkpoints/xl-refiner.safetensors", seed: 5, in: server.models)
        try await server.run { _, client in
            _ = try await client.post("/sdapi/v1/options", json: ["sd_model_checkpoint": "xl-base"])
            let refined = try await client.post("/sdapi/v1/txt2img", json: GenerationServer.txt2img(
                steps: 4, extra: [("refiner_checkpoint", "xl-refiner"), ("refiner_switch_at", 0.6)]))
            #expect(refined.status == .ok)
            let info = try JSONValue.parse(#require(refined.json["info"]?.stringValue))
            let infotext = info["infotexts"]?[0]?.stringValue ?? ""
            #expect(infotext.contains(", Refiner: xl-refiner"), "\(infotext)")
            #expect(infotext.contains("Refiner switch at: 0.6"), "\(infotext)")
            #expect(info["sd_model_name"] == "xl-base")
            #expect(info["extra_generation_params"]?["Refiner switch at"] == 0.6)
        }
    }
}
