import Foundation
import Generation
import Testing

@testable import SDAPI

@Suite struct OptionsRouteTests {
    @Test func defaultsSelectTheFirstCheckpoint() async throws {
        let server = try TestServer()
        defer { server.remove() }
        try await server.run { _, client in
            let options = try await client.get("/sdapi/v1/options").json
            #expect(options.keys.prefix(3) == ["sd_model_checkpoint", "sd_checkpoint_hash", "sd_vae"])
            #expect(options["sd_model_checkpoint"] == "base.safetensors [ba7816bf8f]")
            #expect(options["sd_checkpoint_hash"] == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
            #expect(options["CLIP_stop_at_last_layers"] == 1)
            #expect(options["samples_format"] == "png")
            #expect(options["jpeg_quality"] == 80)
            #expect(options["eta_noise_seed_delta"] == 0)
            #expect(options["randn_source"] == "GPU")
            #expect(options["eta_ancestral"] == 1.0)
        }
    }

    @Test func postChangesSettingsAndTheySurviveARestart() async throws {
        let server = try TestServer()
        defer { server.remove() }
        try await server.run { _, client in
            let response = try await client.post("/sdapi/v1/options", json: [
                "sd_model_checkpoint": "turbo", "CLIP_stop_at_last_layers": "2", "samples_format": "jpg",
                "sd_vae": "sdxl-vae", "sd_checkpoint_hash": "ignored",
            ])
            #expect(response.status == .ok)
            #expect(response.json == .null)
        }
        try await server.run { _, client in
            let options = try await client.get("/sdapi/v1/options").json
            #expect(options["sd_model_checkpoint"]?.stringValue?.hasPrefix("xl/turbo.safetensors [") == true)
            #expect(options["CLIP_stop_at_last_layers"] == 2)
            #expect(options["samples_format"] == "jpg")
            #expect(options["sd_vae"] == "sdxl-vae.safetensors")
            // A client may post back what it read.
            #expect(try await client.post("/sdapi/v1/options", json: options).status == .ok)
        }
    }

    @Test func badValuesAreRefusedWithFieldErrorsAndNothingChanges() async throws {
        let server = try TestServer()
        defer { server.remove() }
        try await server.run { services, client in
            let response = try await client.post("/sdapi/v1/options", json: [
                "jpeg_quality": 500, "samples_format": "gif", "CLIP_stop_at_last_layers": "two",
            ])
            #expect(response.status == .unprocessableContent)
            #expect(response.json == ["detail": [
                ["loc": ["body", "CLIP_stop_at_last_layers"], "msg": "value is not a valid integer", "type": "type_error.integer"],
                ["loc": ["body", "samples_format"],
                 "msg": "value is not a valid enumeration member; permitted: 'png', 'jpg', 'jpeg', 'webp'",
                 "type": "type_error.enum", "ctx": ["enum_values": ["png", "jpg", "jpeg", "webp"]]],
                ["loc": ["body", "jpeg_quality"], "msg": "ensure this value is less than or equal to 100",
                 "type": "value_error.number.not_le", "ctx": ["limit_value": 100]],
            ]])
            #expect(await services.settings.settings == Settings())
        }
    }

    @Test func unknownKeysAndModelsAreNamed() async throws {
        let server = try TestServer()
        defer { server.remove() }
        try await server.run { _, client in
            let unknownKey = try await client.post("/sdapi/v1/options", json: ["no_such_setting": 1])
            #expect(unknownKey.status == .badRequest)
            #expect(unknownKey.json["error"] == "KeyError")
            #expect(unknownKey.json["errors"] == "'no_such_setting'")
            #expect(unknownKey.json.keys == ["error", "detail", "body", "errors"])

            let unknownModel = try await client.post("/sdapi/v1/options", json: ["sd_model_checkpoint": "missing.safetensors"])
            #expect(unknownModel.status == .notFound)
            #expect(unknownModel.json["errors"] == "model 'missing.safetensors' not found")

            for escape in ["../checkpoints/base.safetensors", "/etc/passwd"] {
                let refused = try await client.post("/sdapi/v1/options", json: ["sd_model_checkpoint": .string(escape)])
                #expect(refused.status == .badRequest)
                #expect(refused.json["detail"]?.stringValue?.contains("outside the model folders") == true)
            }
            let unknownVAE = try await client.post("/sdapi/v1/options", json: ["sd_vae": "nope.pt"])
            #expect(unknownVAE.status == .notFound)
            #expect(try await client.get("/sdapi/v1/options").json["sd_vae"] == "Automatic")
        }
    }

    @Test func cmdFlagsShowTheConfigurationButNoPassword() async throws {
        let server = try TestServer { configuration in
            configuration.credentials = [APICredential(user: "alice", password: "s3cret")]
        }
        defer { server.remove() }
        try await server.run { _, client in
            let response = try await client.get("/sdapi/v1/cmd-flags", headers: [.authorization: "Basic YWxpY2U6czNjcmV0"])
            #expect(response.status == .ok)
            #expect(response.json["api_auth"] == "alice:***")
            #expect(response.json["port"] == 0)
            #expect(response.json["cache_lru"] == 1)
            #expect(!response.text.contains("s3cret"))
        }
    }
}
