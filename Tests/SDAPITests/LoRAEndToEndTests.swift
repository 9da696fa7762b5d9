import Checkpoint
import Foundation
@testable import Generation
import Imaging
import SDTesting
import Testing

@testable import SDAPI

/// LoRAs through HTTP on the tiny SD1 checkpoint: prompt tags and the `loras` field, strengths,
/// unknown names, infotext hashes and switching between sets.
@Suite struct LoRAEndToEndTests {
    /// `GenerationServer` plus two kohya LoRAs for `tiny-a`: `loras/detail-v1.safetensors`
    /// (alias `detail`) and `loras/style.safetensors`.
    static func makeServer() throws -> TestServer {
        let server = try GenerationServer.make()
        let base = try ModelDetector.detect(Canonicalizer.canonicalize(ModelFileReader.open(server.models.url("checkpoints/tiny-a.safetensors").path)))
        try FileManager.default.createDirectory(at: server.models.url("loras"), withIntermediateDirectories: true)
        try TestLoRAWriter.write(base: base, to: server.models.url("loras/detail-v1.safetensors").path, seed: 11, name: "detail")
        try TestLoRAWriter.write(base: base, to: server.models.url("loras/style.safetensors").path, seed: 12, name: "style")
        return server
    }

    /// The decoded pixels of every image of a txt2img answer, and its `info`.
    static func txt2img(_ client: TestClient, prompt: String = "a photo of a cat", extra: [(String, JSONValue)] = []) async throws
        -> (pixels: [[UInt8]], info: JSONValue)
    {
        let response = try await client.post("/sdapi/v1/txt2img", json: GenerationServer.txt2img(
            seed: 77, extra: [("prompt", .string(prompt))] + extra))
        #expect(response.status == .ok, "\(response.text)")
        let images = try #require(response.json["images"]?.arrayElements)
        let pixels = try images.map { try ImageDecoder.decode(Base64Image.decode(#require($0.stringValue))).image.pixels }
        return (pixels, try JSONValue.parse(#require(response.json["info"]?.stringValue)))
    }

    static func selectTinyA(_ client: TestClient) async throws {
        _ = try await client.post("/sdapi/v1/options", json: ["sd_model_checkpoint": "tiny-a"])
    }

    @Test func aLoRAChangesTheImageAndStrengthZeroDoesNot() async throws {
        let server = try Self.makeServer()
        defer { server.remove() }
        try await server.run { _, client in
            try await Self.selectTinyA(client)
            let plain = try await Self.txt2img(client)
            let patched = try await Self.txt2img(client, prompt: "a photo of a cat <lora:detail-v1:1>")
            let zero = try await Self.txt2img(client, prompt: "a photo of a cat <lora:detail-v1:0>")
            #expect(plain.pixels != patched.pixels)
            #expect(plain.pixels == zero.pixels)
        }
    }

    @Test func aTagAndTheEquivalentLorasEntryGiveTheSameImage() async throws {
        let server = try Self.makeServer()
        defer { server.remove() }
        try await server.run { _, client in
            try await Self.selectTinyA(client)
            let tagged = try await Self.txt2img(client, prompt: "a photo of a cat <lora:detail:0.5:1.5>")
            let field = try await Self.txt2img(client, extra: [
                ("loras", [["name": "detail", "strength_model": 1.5, "strength_clip": 0.5]]),
            ])
            let plain = try await Self.txt2img(client)
            #expect(tagged.pixels == field.pixels)
            #expect(tagged.pixels != plain.pixels)
            // Separate strengths matter: swapping them gives another image.
            let swapped = try await Self.txt2img(client, prompt: "a photo of a cat <lora:detail:1.5:0.5>")
            #expect(swapped.pixels != tagged.pixels)
        }
    }

    @Test func infotextKeepsTheTagAndRecordsLoraHashes() async throws {
        let server = try Self.makeServer()
        defer { server.remove() }
        try await server.run { _, client in
            try await Self.selectTinyA(client)
            let prompt = "a photo of a cat <lora:detail:0.7>"
            let result = try await Self.txt2img(client, prompt: prompt, extra: [("loras", [["name": "style"]])])
            let file = server.models.url("loras/detail-v1.safetensors")
            let detailHash = LoRAHash.shortHash(try LoRAHash.sha256(of: file))
            let styleHash = LoRAHash.shortHash(try LoRAHash.sha256(of: server.models.url("loras/style.safetensors")))
            let infotext = try #require(result.info["infotexts"]?[0]?.stringValue)
            #expect(infotext.hasPrefix(prompt + "\n"))
            #expect(infotext.contains(#"Lora hashes: "style: \#(styleHash), detail: \#(detailHash)""#), "\(infotext)")
            #expect(result.info["prompt"]?.stringValue == prompt)
            #expect(result.info["extra_generation_params"]?["Lora hashes"]?.stringValue == "style: \(styleHash), detail: \(detailHash)")
        }
    }

    /// A1111's "Add network to prompt": `sd_lora` appends its LoRA with
    /// `extra_networks_default_multiplier` unless the request already names it; a name that is
    /// not an available LoRA, or `disable_extra_networks`, leaves the request as it is.
    @Test func theSdLoraSettingAppendsItsLoRAToThePrompt() async throws {
        let server = try Self.makeServer()
        defer { server.remove() }
        try await server.run { _, client in
            try await Self.selectTinyA(client)
            func overriding(_ name: String) -> (String, JSONValue) {
                ("override_settings", ["sd_lora": .string(name), "extra_networks_default_multiplier": 0.5])
            }
            let plain = try await Self.txt2img(client)
            let added = try await Self.txt2img(client, extra: [overriding("style")])
            let explicit = try await Self.txt2img(client, prompt: "a photo of a cat<lora:style:0.5>")
            #expect(added.pixels == explicit.pixels)
            #expect(added.pixels != plain.pixels)
            let infotext = try #require(added.info["infotexts"]?[0]?.stringValue)
            #expect(infotext.hasPrefix("a photo of a cat<lora:style:0.5>\n"), "\(infotext)")
            #expect(infotext.contains("Lora hashes: \"style: "), "\(infotext)")

            let named = try await Self.txt2img(client, prompt: "a photo of a cat <lora:style:1>", extra: [overriding("style")])
            let namedAlone = try await Self.txt2img(client, prompt: "a photo of a cat <lora:style:1>")
            #expect(named.pixels == namedAlone.pixels)
            #expect(named.info["all_prompts"]?[0]?.stringValue == "a photo of a cat <lora:style:1>")

            let unknown = try await Self.txt2img(client, extra: [overriding("nowhere")])
            let disabled = try await Self.txt2img(client, extra: [overriding("style"), ("disable_extra_networks", true)])
            #expect(unknown.pixels == plain.pixels)
            #expect(disabled.pixels == plain.pixels)
        }
    }

    @Test func anUnknownLoRAIsA404NamingItAndABadEntryA422NamingTheField() async throws {
        let server = try Self.makeServer()
        defer { server.remove() }
        try await server.run { _, client in
            try await Self.selectTinyA(client)
            let tagged = try await client.post("/sdapi/v1/txt2img", json: GenerationServer.txt2img(
                extra: [("prompt", "a cat <lora:missing-one:0.8>")]))
            #expect(tagged.status == .notFound)
            #expect(tagged.json["detail"]?.stringValue?.contains("'missing-one'") == true)
            let listed = try await client.post("/sdapi/v1/img2img", json: [
                "init_images": .array([.string(try GenerationServer.gradientPNG())]), "steps": 2, "width": 64, "height": 64,
                "loras": [["name": "nowhere"]],
            ])
            #expect(listed.status == .notFound)
            #expect(listed.json["errors"] == "Lora not found: nowhere")
            let badType = try await client.post("/sdapi/v1/txt2img", json: GenerationServer.txt2img(
                extra: [("loras", [["name": "detail", "strength_model": "strong"]])]))
            #expect(badType.status == .unprocessableContent)
            #expect(badType.json["detail"]?[0]?["loc"] == ["body", "loras", 0, "strength_model"])
            let noName = try await client.post("/sdapi/v1/txt2img", json: GenerationServer.txt2img(extra: [("loras", [["strength_model": 1]])]))
            #expect(noName.json["detail"]?[0]?["loc"] == ["body", "loras", 0, "name"])
            // A LoRA whose modules name no weight of the model (another architecture) is a 422.
            _ = try server.models.writeSafetensors(
                "loras/foreign.safetensors",
                tensors: ["lora_unet_no_such_block.lora_down.weight": [4, 8], "lora_unet_no_such_block.lora_up.weight": [8, 4]])
            _ = try await client.post("/sdapi/v1/refresh-loras")
            let foreign = try await client.post("/sdapi/v1/txt2img", json: GenerationServer.txt2img(
                extra: [("prompt", "a cat <lora:foreign:1>")]))
            #expect(foreign.status == .unprocessableContent)
            #expect(foreign.json["detail"]?.stringValue?.contains("'foreign'") == true, "\(foreign.text)")
        }
    }

    /// 20 requests cycling through LoRA sets: the cached model holds only the active set's
    /// patched weights (the same count each time a set comes round, none without LoRAs), and
    /// dropping every LoRA gives back the exact base image. Counted on the model rather than as
    /// process RSS, which the suites running beside this one move by more than the LoRAs do.
    @Test func switchingSetsKeepsMemoryFlatAndDroppingThemRestoresTheBase() async throws {
        let server = try Self.makeServer()
        defer { server.remove() }
        try await server.run { services, client in
            try await Self.selectTinyA(client)
            let plain = try await Self.txt2img(client)
            let sets: [[(String, JSONValue)]] = [
                [("loras", [["name": "detail", "strength_model": 0.9, "strength_clip": 0.4]])],
                [("loras", [["name": "style"], ["name": "detail", "strength_model": 0.3]])],
                [("loras", [["name": "style", "strength_model": 0.5, "strength_clip": 1.2]])],
                [],
            ]
            let cache = await services.generation.models
            var held: [Int] = []
            var last: [[UInt8]] = []
            for request in 0..<20 {
                let result = try await Self.txt2img(client, extra: sets[request % sets.count])
                let selection = try #require(await cache.loaded.last)
                held.append(try await cache.model(for: selection).loras.weights?.heldPatchedWeightCount ?? -1)
                last = result.pixels
                if request % sets.count != sets.count - 1 { #expect(result.pixels != plain.pixels) }
            }
            #expect(last == plain.pixels)
            #expect(held[sets.count...].enumerated().allSatisfy { index, count in count == held[index] }, "held per request: \(held)")
            #expect(held.prefix(sets.count).dropLast().allSatisfy { $0 > 0 } && held[sets.count - 1] == 0, "held per request: \(held)")
        }
    }
}
