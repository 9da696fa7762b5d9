import Foundation
import Generation
import Imaging
import SDTesting
import Testing

@testable import SDAPI

/// Skip, model switching, SD2-v and SDXL through HTTP on tiny real checkpoints.
@Suite struct QueueEndToEndTests {
    /// The `sd_model_name` of a txt2img answer.
    static func modelName(_ response: JSONResponse) throws -> JSONValue? {
        try JSONValue.parse(#require(response.json["info"]?.stringValue))["sd_model_name"]
    }

    @Test func skipMovesToTheNextBatchAndTheAnswerHasBoth() async throws {
        let server = try GenerationServer.make()
        defer { server.remove() }
        try await server.run { services, client in
            let generation = services.generation
            _ = try await client.post("/sdapi/v1/options", json: ["sd_model_checkpoint": "tiny-a"])
            let job = Task {
                try await client.post("/sdapi/v1/txt2img", json: GenerationServer.txt2img(
                    steps: 400, extra: [("n_iter", 3), ("sampler_name", "Euler a")]))
            }
            #expect(try await eventually { await generation.progress.samplingStep >= 1 })
            #expect(try await client.post("/sdapi/v1/skip").status == .ok)
            // The job goes on with the second batch; interrupting it there keeps both images.
            #expect(try await eventually {
                let progress = await generation.progress
                return progress.jobNumber == 1 && progress.samplingStep >= 1
            })
            #expect(await generation.progress.skipped == false)
            _ = try await client.post("/sdapi/v1/interrupt")
            let response = try await job.value
            #expect(response.status == .ok)
            #expect(response.json["images"]?.arrayElements?.count == 2)
            let info = try JSONValue.parse(#require(response.json["info"]?.stringValue))
            #expect(info["infotexts"]?.arrayElements?.count == 2)
        }
    }

    @Test func modelSwitchByTitleAndByHash() async throws {
        let server = try GenerationServer.make()
        defer { server.remove() }
        try await server.run { _, client in
            let listing = try #require(try await client.get("/sdapi/v1/sd-models").json.arrayElements)
            func entry(_ name: String) throws -> JSONValue {
                try #require(listing.first { $0["model_name"] == .string(name) })
            }
            let b = try entry("tiny-b"), a = try entry("tiny-a")
            #expect(try await client.post("/sdapi/v1/options", json: ["sd_model_checkpoint": #require(b["title"])]).status == .ok)
            #expect(try Self.modelName(try await client.post("/sdapi/v1/txt2img", json: GenerationServer.txt2img())) == "tiny-b")
            #expect(try await client.post("/sdapi/v1/options", json: ["sd_model_checkpoint": #require(a["hash"])]).status == .ok)
            let byHash = try await client.post("/sdapi/v1/txt2img", json: GenerationServer.txt2img())
            #expect(try Self.modelName(byHash) == "tiny-a")
            let info = try JSONValue.parse(#require(byHash.json["info"]?.stringValue))
            #expect(info["sd_model_hash"] == a["hash"])
        }
    }

    @Test func txt2imgWithTinySD2VAndSDXLCheckpoints() async throws {
        let server = try TestServer(files: false)
        defer { server.remove() }
        try GenerationServer.write(.sd2vTiny, "checkpoints/tiny-sd2v.safetensors", seed: 4, in: server.models)
        try GenerationServer.write(.sdxlTiny, "checkpoints/tiny-sdxl.safetensors", seed: 5, in: server.models)
        try await server.run { _, client in
            for name in ["tiny-sd2v", "tiny-sdxl"] {
                let response = try await client.post("/sdapi/v1/txt2img", json: GenerationServer.txt2img(
                    extra: [("override_settings", ["sd_model_checkpoint": .string(name)])]))
                #expect(response.status == .ok, "\(name): \(response.text.prefix(300))")
                #expect(try Self.modelName(response) == .string(name))
                let image = try ImageDecoder.decode(base64: #require(response.json["images"]?[0]?.stringValue)).image
                #expect(image.width == 64 && image.height == 64)
            }
        }
    }
}
