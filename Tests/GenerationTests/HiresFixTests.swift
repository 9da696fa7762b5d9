import Testing
@testable import Generation

struct HiresFixTests {
    func generate(_ request: GenerationRequest) async throws -> GenerationResult {
        try await TinyModels.generate(request)
    }

    @Test func targetSizeFollowsA1111() {
        var fix = HiresFix(denoisingStrength: 0.5)
        #expect(fix.target(width: 512, height: 768, factor: 8) == (1024, 1536, 0, 0))
        fix.resizeWidth = 1024
        #expect(fix.target(width: 512, height: 768, factor: 8) == (1024, 1536, 0, 0))
        fix.resizeWidth = 0
        fix.resizeHeight = 1000
        #expect(fix.target(width: 512, height: 768, factor: 8) == (666, 1000, 0, 0))
        fix.resizeWidth = 1024
        fix.resizeHeight = 1024
        // Cover 1024×1024 keeping 2:3, then crop 512 px (64 latent cells) of height.
        #expect(fix.target(width: 512, height: 768, factor: 8) == (1024, 1536, 0, 64))
    }

    @Test func extrasNameOnlyWhatDiffersFromTheFirstPass() {
        var fix = HiresFix(denoisingStrength: 0.5)
        fix.samplerName = "Euler"
        fix.prompt = "cat"
        fix.negativePrompt = "dog"
        let same = fix.extras(checkpoint: nil, sampler: "Euler", prompt: "cat", negativePrompt: "blurry")
        #expect(same.map(\.key) == ["Hires negative prompt", "Hires upscale", "Hires upscaler"])
        let other = fix.extras(checkpoint: "b [0123456789]", sampler: "DDIM", prompt: "bird", negativePrompt: "dog")
        #expect(other.map(\.key) == ["Hires checkpoint", "Hires sampler", "Hires prompt", "Hires upscale", "Hires upscaler"])
    }

    @Test func latentUpscaleDoublesTheImageAndRecordsTheParameters() async throws {
        var request = GenerationRequest.tiny(seed: 9)
        var fix = HiresFix(denoisingStrength: 0.5)
        fix.secondPassSteps = 2
        request.hires = fix
        let result = try await generate(request)
        #expect(result.images[0].width == 128 && result.images[0].height == 128)
        #expect(result.info["width"] == .int(64))
        #expect(result.info["denoising_strength"] == .double(0.5))
        #expect(result.infotexts[0].contains(
            "Size: 64x64, Model hash: 0123456789, Model: sd15-tiny, Denoising strength: 0.5, Hires upscale: 2.0, "
                + "Hires steps: 2, Hires upscaler: Latent, Version: sdserve-test"))
        let plain = try await generate(.tiny(seed: 9))
        #expect(plain.images[0].width == 64)
    }

    @Test func pixelUpscalerWithResizeBoxCropsToTheBox() async throws {
        var request = GenerationRequest.tiny(seed: 9)
        var fix = HiresFix(denoisingStrength: 0.6)
        fix.upscaler = "Lanczos"
        fix.resizeWidth = 96
        fix.resizeHeight = 80
        fix.samplerName = "DPM++ 2M"
        request.hires = fix
        let result = try await generate(request)
        #expect(result.images[0].width == 96 && result.images[0].height == 80)
        #expect(result.infotexts[0].contains("Hires sampler: DPM++ 2M, Hires resize: 96x80, Hires upscaler: Lanczos"))
    }

    @Test func everyLatentModeRunsAndAnUnknownUpscalerIsAnError() async throws {
        for mode in ["Latent (bicubic)", "Latent (nearest)", "Latent (nearest-exact)", "Nearest"] {
            var request = GenerationRequest.tiny(steps: 2)
            var fix = HiresFix(denoisingStrength: 0.5)
            fix.upscaler = mode
            fix.scale = 1.5
            request.hires = fix
            let result = try await generate(request)
            #expect(result.images[0].width == 96, "\(mode)")
        }
        var request = GenerationRequest.tiny()
        var fix = HiresFix(denoisingStrength: 0.5)
        fix.upscaler = "ESRGAN_4x"
        request.hires = fix
        await #expect(throws: GenerationError.unknownUpscaler("ESRGAN_4x")) { try await generate(request) }
    }

    @Test func promptEditingChangesTheImage() async throws {
        var edited = GenerationRequest.tiny(seed: 4, steps: 4)
        edited.prompt = "a photo of a [cat:dog:2]"
        var plain = GenerationRequest.tiny(seed: 4, steps: 4)
        plain.prompt = "a photo of a cat"
        let a = try await generate(edited), b = try await generate(plain)
        #expect(a.images != b.images)
        #expect(a.info["prompt"] == .string("a photo of a [cat:dog:2]"))
    }
}
