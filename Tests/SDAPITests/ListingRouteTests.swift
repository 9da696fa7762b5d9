import Foundation
import Generation
import Testing

@testable import SDAPI

@Suite struct ListingRouteTests {
    @Test func sdModelsListsCheckpointsInA1111Shape() async throws {
        let server = try TestServer()
        defer { server.remove() }
        let root = server.models.root.path
        try await server.run { _, client in
            let response = try await client.get("/sdapi/v1/sd-models")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json")
            let models = response.json
            #expect(models.count == 2)
            #expect(models[0] == [
                "title": "base.safetensors [ba7816bf8f]", "model_name": "base", "hash": "ba7816bf8f",
                "sha256": "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                "filename": .string(root + "/checkpoints/base.safetensors"), "config": nil,
            ])
            #expect(models[1]?["model_name"] == "xl_turbo")
            #expect(models[1]?["title"]?.stringValue?.hasPrefix("xl/turbo.safetensors [") == true)
        }
    }

    @Test func otherModelListingsHaveTheirShapes() async throws {
        let server = try TestServer()
        defer { server.remove() }
        let root = server.models.root.path
        try await server.run { _, client in
            #expect(try await client.get("/sdapi/v1/sd-vae").json == [
                ["model_name": "sdxl-vae.safetensors", "filename": .string(root + "/VAE/sdxl-vae.safetensors")],
            ])
            let lora = try await client.get("/sdapi/v1/loras").json[0]
            #expect(lora?["name"] == "detail")
            #expect(lora?["alias"] == "fine_detail")
            #expect(lora?["metadata"] == ["ss_network_dim": "4", "ss_output_name": "fine_detail"])
            let embeddings = try await client.get("/sdapi/v1/embeddings").json
            #expect(embeddings["loaded"]?["easynegative"] == [
                "step": nil, "sd_checkpoint": nil, "sd_checkpoint_name": nil, "shape": 768, "vectors": 8,
            ])
            #expect(embeddings["skipped"] == [:])
        }
    }

    @Test func samplersAndSchedulersMatchA1111() async throws {
        let server = try TestServer()
        defer { server.remove() }
        try await server.run { _, client in
            let samplers = try await client.get("/sdapi/v1/samplers").json
            #expect(samplers.count == 20)
            #expect(samplers[0] == ["name": "DPM++ 2M", "aliases": ["k_dpmpp_2m"], "options": ["scheduler": "karras"]])
            #expect(samplers[1]?["options"] == ["scheduler": "karras", "second_order": "True", "brownian_noise": "True"])
            #expect(samplers[6]?["aliases"] == ["k_euler_a", "k_euler_ancestral"])
            #expect(samplers.arrayElements?.compactMap { $0["name"]?.stringValue }.suffix(5) == ["DDIM", "DDIM CFG++", "PLMS", "UniPC", "LCM"])
            let schedulers = try await client.get("/sdapi/v1/schedulers").json
            #expect(schedulers.count == 12)
            #expect(schedulers[2] == ["name": "karras", "label": "Karras", "aliases": nil, "default_rho": 7.0, "need_inner_model": false])
            #expect(schedulers[5]?["aliases"] == ["SGMUniform"])
        }
    }

    @Test func upscalerAndStubListings() async throws {
        let server = try TestServer()
        defer { server.remove() }
        try await server.run { _, client in
            let upscalers = try await client.get("/sdapi/v1/upscalers").json
            #expect(upscalers.arrayElements?.compactMap { $0["name"]?.stringValue } == ["None", "Lanczos", "Nearest"])
            #expect(upscalers[0]?.keys == ["name", "model_name", "model_path", "model_url", "scale"])
            let modes = try await client.get("/sdapi/v1/latent-upscale-modes").json
            #expect(modes.count == 6)
            #expect(modes[0] == ["name": "Latent"])
            #expect(try await client.get("/sdapi/v1/scripts").json == ["txt2img": [], "img2img": []])
            for path in ["prompt-styles", "face-restorers", "hypernetworks", "realesrgan-models"] {
                #expect(try await client.get("/sdapi/v1/" + path).json == [])
            }
        }
    }

    @Test func refreshFindsNewFiles() async throws {
        let server = try TestServer()
        defer { server.remove() }
        let models = server.models
        try await server.run { _, client in
            try models.writeSafetensors("loras/new.safetensors")
            try models.writeSafetensors("checkpoints/new.safetensors")
            #expect(try await client.get("/sdapi/v1/loras").json.count == 1)
            for (route, listing, count) in [("refresh-loras", "loras", 2), ("refresh-checkpoints", "sd-models", 3)] {
                let refreshed = try await client.post("/sdapi/v1/" + route)
                #expect(refreshed.status == .ok)
                #expect(refreshed.json == .null)
                #expect(try await client.get("/sdapi/v1/" + listing).json.count == count)
            }
            #expect(try await client.post("/sdapi/v1/refresh-vae").json == .null)
            #expect(try await client.post("/sdapi/v1/refresh-embeddings").json == .null)
        }
    }

    @Test func systemRoutes() async throws {
        let server = try TestServer()
        defer { server.remove() }
        try await server.run { _, client in
            let memory = try await client.get("/sdapi/v1/memory").json
            #expect(memory["ram"]?.keys == ["free", "used", "total"])
            #expect(memory["cuda"] == ["error": "unavailable"])
            #expect(try await client.get("/internal/ping").json == [:])
            #expect(try await client.post("/sdapi/v1/unload-checkpoint").json == [:])
            #expect(try await client.post("/sdapi/v1/reload-checkpoint").json == [:])
            let missing = try await client.get("/sdapi/v1/nope")
            #expect(missing.status == .notFound)
            #expect(missing.json == ["detail": "Not Found"])
            #expect(try await client.get("/sdapi/v1/samplers").headers[ErrorResponseMiddleware.processTime] != nil)
        }
    }
}
