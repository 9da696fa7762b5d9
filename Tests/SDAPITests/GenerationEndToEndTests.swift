import Foundation
import Generation
import Imaging
import SDTesting
import Testing

@testable import SDAPI

/// The samples of one pixel.
func sample(_ image: Image, x: Int, y: Int) -> [UInt8] {
    let start = (y * image.width + x) * image.channels
    return Array(image.pixels[start..<start + image.channels])
}

/// txt2img and img2img through HTTP on tiny real checkpoints.
@Suite struct GenerationEndToEndTests {
    @Test func txt2imgReturnsPNGsWithInfotextAndInfoAsAJSONString() async throws {
        let server = try GenerationServer.make()
        defer { server.remove() }
        try await server.run { _, client in
            _ = try await client.post("/sdapi/v1/options", json: ["sd_model_checkpoint": "tiny-a"])
            let response = try await client.post("/sdapi/v1/txt2img", json: GenerationServer.txt2img(
                seed: 1234, extra: [("batch_size", 2), ("n_iter", 2)]))
            #expect(response.status == .ok)
            #expect(response.json.keys == ["images", "parameters", "info"])
            let info = try JSONValue.parse(#require(response.json["info"]?.stringValue))
            #expect(info["all_seeds"] == [1234, 1235, 1236, 1237])
            #expect(info["seed"] == 1234)
            #expect(info["sd_model_name"] == "tiny-a")
            #expect(info["sd_model_hash"]?.stringValue?.count == 10)
            #expect(info["job_timestamp"]?.stringValue?.count == 14)
            #expect(response.json["parameters"]?["seed"] == 1234)
            let images = try #require(response.json["images"]?.arrayElements)
            #expect(images.count == 4)
            let infotexts = try #require(info["infotexts"]?.arrayElements)
            for (index, image) in images.enumerated() {
                let bytes = try Base64Image.decode(#require(image.stringValue))
                let decoded = try ImageDecoder.decode(bytes)
                #expect(decoded.format == .png)
                #expect(decoded.image.width == 64 && decoded.image.height == 64)
                let texts = try PNGTextChunks.read(from: bytes)
                #expect(texts.first { $0.keyword == "parameters" }?.text == infotexts[index].stringValue)
            }
            #expect(infotexts[2].stringValue?.contains("Seed: 1236, Size: 64x64, Model hash: ") == true)
        }
    }

    @Test func sameSeedSameImageDifferentSeedDifferentImage() async throws {
        let server = try GenerationServer.make()
        defer { server.remove() }
        try await server.run { _, client in
            _ = try await client.post("/sdapi/v1/options", json: ["sd_model_checkpoint": "tiny-a"])
            let first = try await client.post("/sdapi/v1/txt2img", json: GenerationServer.txt2img(seed: 5)).json["images"]
            let again = try await client.post("/sdapi/v1/txt2img", json: GenerationServer.txt2img(seed: 5)).json["images"]
            let other = try await client.post("/sdapi/v1/txt2img", json: GenerationServer.txt2img(seed: 6)).json["images"]
            #expect(first != nil && first == again)
            #expect(first != other)
        }
    }

    @Test func overrideSwitchesTheModelForOneJobAndRestores() async throws {
        let server = try GenerationServer.make()
        defer { server.remove() }
        try await server.run { _, client in
            _ = try await client.post("/sdapi/v1/options", json: ["sd_model_checkpoint": "tiny-a"])
            func modelName(_ extra: [(String, JSONValue)]) async throws -> JSONValue? {
                let response = try await client.post("/sdapi/v1/txt2img", json: GenerationServer.txt2img(extra: extra))
                return try JSONValue.parse(#require(response.json["info"]?.stringValue))["sd_model_name"]
            }
            #expect(try await modelName([("override_settings", ["sd_model_checkpoint": "tiny-b"])]) == "tiny-b")
            #expect(try await modelName([]) == "tiny-a")
            // An unknown name is ignored, as A1111 does.
            #expect(try await modelName([("override_settings", ["sd_model_checkpoint": "no-such-model"])]) == "tiny-a")
            #expect(try await modelName([
                ("override_settings", ["sd_model_checkpoint": "tiny-b"]), ("override_settings_restore_afterwards", false),
            ]) == "tiny-b")
            #expect(try await client.get("/sdapi/v1/options").json["sd_model_checkpoint"]?.stringValue?.hasPrefix("tiny-b") == true)
            #expect(try await modelName([]) == "tiny-b")
        }
    }

    @Test func brokenCheckpointFailsWhileThePreviousKeepsServing() async throws {
        let server = try GenerationServer.make()
        defer { server.remove() }
        try await server.run { _, client in
            _ = try await client.post("/sdapi/v1/options", json: ["sd_model_checkpoint": "tiny-a"])
            #expect(try await client.post("/sdapi/v1/txt2img", json: GenerationServer.txt2img()).status == .ok)
            let broken = try await client.post("/sdapi/v1/txt2img", json: GenerationServer.txt2img(
                extra: [("override_settings", ["sd_model_checkpoint": "zz-broken"])]))
            #expect(broken.status == .internalServerError)
            #expect(broken.json["detail"]?.stringValue?.contains("zz-broken.safetensors") == true)
            let after = try await client.post("/sdapi/v1/txt2img", json: GenerationServer.txt2img())
            #expect(after.status == .ok)
        }
    }

    @Test func fullQueueAnswers503WithRetryAfter() async throws {
        let server = try GenerationServer.make { $0.queueSize = 1 }
        defer { server.remove() }
        try await server.run { services, client in
            let gate = Gate()
            let running = Task { try await services.generation.run(job: "held") { _, _ in await gate.wait() } }
            while await services.generation.pendingJobs < 1 { try await Task.sleep(for: .milliseconds(5)) }
            let waiting = Task { try await services.generation.run(job: "waiting") { _, _ in } }
            while await services.generation.pendingJobs < 2 { try await Task.sleep(for: .milliseconds(5)) }
            let response = try await client.post("/sdapi/v1/txt2img", json: GenerationServer.txt2img())
            #expect(response.status == .serviceUnavailable)
            #expect(response.headers[.retryAfter] == "5")
            #expect(response.json["detail"]?.stringValue?.contains("queue is full") == true)
            await gate.open()
            try await running.value
            try await waiting.value
        }
    }

    @Test func interruptReturnsThePartialResult() async throws {
        let server = try GenerationServer.make()
        defer { server.remove() }
        try await server.run { services, client in
            _ = try await client.post("/sdapi/v1/options", json: ["sd_model_checkpoint": "tiny-a"])
            let job = Task {
                try await client.post("/sdapi/v1/txt2img", json: GenerationServer.txt2img(
                    steps: 400, extra: [("n_iter", 3), ("sampler_name", "Euler a")]))
            }
            var tries = 0
            while await services.generation.progress.samplingStep < 1, tries < 6000 {
                try await Task.sleep(for: .milliseconds(5))
                tries += 1
            }
            let progress = try await client.get("/sdapi/v1/progress").json
            #expect(progress["state"]?["job_count"] == 3)
            #expect(progress["progress"] != .double(0))
            #expect(try await client.post("/sdapi/v1/interrupt").status == .ok)
            let response = try await job.value
            #expect(response.status == .ok)
            #expect(response.json["images"]?.arrayElements?.count == 1)
        }
    }

    @Test func img2imgAndEveryInpaintingFillKeepTheUnmaskedPixels() async throws {
        let server = try GenerationServer.make()
        defer { server.remove() }
        try await server.run { _, client in
            _ = try await client.post("/sdapi/v1/options", json: ["sd_model_checkpoint": "tiny-a"])
            let initImage = try GenerationServer.gradientPNG()
            let plain = try await client.post("/sdapi/v1/img2img", json: [
                "init_images": [.string(initImage)], "prompt": "a cat", "seed": 3, "steps": 4, "width": 64, "height": 64,
                "sampler_name": "Euler", "denoising_strength": 0.5,
            ])
            #expect(plain.status == .ok)
            let plainInfo = try JSONValue.parse(#require(plain.json["info"]?.stringValue))
            #expect(plainInfo["denoising_strength"] == 0.5)
            #expect(plain.json["parameters"]?["init_images"] == .null)
            let original = try ImageDecoder.decode(base64: initImage).image
            for fill in 0...3 {
                for fullRes in [false, true] {
                    let response = try await client.post("/sdapi/v1/img2img", json: [
                        "init_images": [.string(initImage)], "mask": .string(try GenerationServer.leftHalfMaskPNG()),
                        "prompt": "a cat", "seed": 3, "steps": 4, "width": 64, "height": 64, "sampler_name": "Euler",
                        "inpainting_fill": .int(fill), "inpaint_full_res": .bool(fullRes), "mask_blur": 0,
                    ])
                    #expect(response.status == .ok, "fill \(fill) full-res \(fullRes): \(response.text.prefix(300))")
                    let encoded = try #require(response.json["images"]?[0]?.stringValue)
                    let image = try ImageDecoder.decode(base64: encoded).image
                    #expect(image.width == 64 && image.height == 64)
                    // The right half (unmasked) is pasted back from the init image.
                    #expect(sample(image, x: 60, y: 20) == sample(original, x: 60, y: 20), "fill \(fill) full-res \(fullRes)")
                    #expect(sample(image, x: 10, y: 20) != sample(original, x: 10, y: 20), "fill \(fill) full-res \(fullRes)")
                    let info = try JSONValue.parse(#require(response.json["info"]?.stringValue))
                    #expect(info["infotexts"]?[0]?.stringValue?.contains("Mask blur: 0") == true)
                }
            }
        }
    }

    @Test func inpaintingModelRunsTxt2imgAndInpaintingWithItsConditioning() async throws {
        let server = try GenerationServer.make()
        defer { server.remove() }
        try await server.run { _, client in
            _ = try await client.post("/sdapi/v1/options", json: ["sd_model_checkpoint": "tiny-inpaint"])
            let txt2img = try await client.post("/sdapi/v1/txt2img", json: GenerationServer.txt2img())
            #expect(txt2img.status == .ok)
            let info = try JSONValue.parse(#require(txt2img.json["info"]?.stringValue))
            #expect(info["is_using_inpainting_conditioning"] == true)
            let inpaint = try await client.post("/sdapi/v1/img2img", json: [
                "init_images": [.string(try GenerationServer.gradientPNG())], "mask": .string(try GenerationServer.leftHalfMaskPNG()),
                "prompt": "a cat", "seed": 3, "steps": 3, "width": 64, "height": 64, "sampler_name": "Euler",
            ])
            #expect(inpaint.status == .ok)
        }
    }

    @Test func hiresFixThroughTheAPI() async throws {
        let server = try GenerationServer.make()
        defer { server.remove() }
        try await server.run { _, client in
            _ = try await client.post("/sdapi/v1/options", json: ["sd_model_checkpoint": "tiny-a"])
            let response = try await client.post("/sdapi/v1/txt2img", json: GenerationServer.txt2img(extra: [
                ("enable_hr", true), ("hr_scale", 2), ("denoising_strength", 0.5), ("hr_upscaler", "Latent (nearest)"),
            ]))
            #expect(response.status == .ok)
            let image = try ImageDecoder.decode(base64: #require(response.json["images"]?[0]?.stringValue)).image
            #expect(image.width == 128 && image.height == 128)
            let missing = try await client.post("/sdapi/v1/txt2img", json: GenerationServer.txt2img(extra: [("enable_hr", true)]))
            #expect(missing.status == .internalServerError)
            #expect(missing.json["error"] == "TypeError")
            let unknown = try await client.post("/sdapi/v1/txt2img", json: GenerationServer.txt2img(extra: [
                ("enable_hr", true), ("denoising_strength", 0.5), ("hr_upscaler", "ESRGAN_4x"),
            ]))
            #expect(unknown.status == .internalServerError)
            #expect(unknown.json["errors"] == "could not find upscaler named ESRGAN_4x")
        }
    }
}
