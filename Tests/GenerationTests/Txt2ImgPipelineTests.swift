import Imaging
import Testing
@testable import Generation

struct Txt2ImgPipelineTests {
    func generate(_ request: GenerationRequest) async throws -> GenerationResult {
        try await TinyModels.generate(request)
    }

    @Test func producesImagesOfTheRequestedSizeWithInfotext() async throws {
        let result = try await generate(.tiny(seed: 1234))
        #expect(result.images.count == 1)
        #expect(result.images[0].width == 64 && result.images[0].height == 64)
        #expect(result.infotexts == [
            "a photo of a cat\nNegative prompt: blurry\nSteps: 3, Sampler: Euler, Schedule type: Automatic, CFG scale: 7.0, "
                + "Seed: 1234, Size: 64x64, Model hash: 0123456789, Model: sd15-tiny, Version: sdserve-test",
        ])
        #expect(result.info["seed"] == .int(1234))
        #expect(result.info["all_seeds"] == .array([.int(1234)]))
        #expect(result.info["sampler_name"] == .string("Euler"))
        #expect(result.info["sd_model_name"] == .string("sd15-tiny"))
        #expect(result.info["extra_generation_params"] == .object([("Schedule type", .string("Automatic"))]))
        let keys = result.info.objectEntries?.map(\.key) ?? []
        #expect(keys.first == "prompt" && keys.last == "version" && keys.count == 32)
    }

    @Test func sizeIsFlooredToTheLatentGridButReportedAsRequested() async throws {
        var request = GenerationRequest.tiny()
        request.width = 71
        request.height = 61
        let result = try await generate(request)
        // The tiny VAE halves each side (real ones divide by 8): 71×61 gives a 35×30 latent.
        #expect(result.images[0].width == 70 && result.images[0].height == 60)
        #expect(result.info["width"] == .int(71))
        #expect(result.infotexts[0].contains("Size: 71x61"))
    }

    @Test func sameSeedSameImageDifferentSeedDifferentImage() async throws {
        let first = try await generate(.tiny(seed: 77))
        let again = try await generate(.tiny(seed: 77))
        let other = try await generate(.tiny(seed: 78))
        #expect(first.images == again.images)
        #expect(first.images != other.images)
    }

    @Test func batchAndIterationsGiveOneSeedPerImageAndMatchSingleRuns() async throws {
        var request = GenerationRequest.tiny(seed: 500)
        request.batchSize = 2
        request.iterations = 2
        let result = try await generate(request)
        #expect(result.images.count == 4)
        #expect(result.info["all_seeds"] == .array([500, 501, 502, 503].map(JSONValue.int)))
        #expect(result.info["batch_size"] == .int(2))
        #expect(result.infotexts[3].contains("Seed: 503"))
        // A1111's per-image generators: every image of the job equals a single run with its seed.
        for (index, seed) in [500, 501, 502, 503].enumerated() {
            let single = try await generate(.tiny(seed: seed))
            let difference = zip(result.images[index].pixels, single.images[0].pixels).map { abs(Int($0) - Int($1)) }.max() ?? 0
            #expect(difference <= 1, "image \(index) (seed \(seed)) differs from its single run by \(difference)")
        }
    }

    @Test func unknownSamplerIsATypedError() async throws {
        var request = GenerationRequest.tiny()
        request.samplerName = "No Such Sampler"
        await #expect(throws: GenerationError.self) { try await generate(request) }
    }

    @Test func encodesPNGWithParametersChunk() async throws {
        let result = try await generate(.tiny())
        let encoded = try result.encodedImages(settings: Settings())
        let decoded = try ImageDecoder.decode(base64: encoded[0])
        #expect(decoded.format == .png)
        #expect(decoded.image == result.images[0])
        // A tEXt chunk: keyword, NUL, the infotext.
        let bytes = try Base64Image.decode(encoded[0])
        let chunk = Array("tEXtparameters\u{0}".utf8) + Array(result.infotexts[0].utf8)
        #expect(bytes.firstRange(of: chunk) != nil)
    }
}
