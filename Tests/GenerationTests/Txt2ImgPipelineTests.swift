import Imaging
import Testing
@testable import Generation

struct Txt2ImgPipelineTests {
    func generate(_ request: GenerationRequest) async throws -> GenerationResult {
        let model = try await TinyModels.sharedCache.model(for: TinyModels.sd15())
        return try await Txt2ImgPipeline.run(request, model: model, context: testContext)
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
        request.width = 70
        request.height = 60
        let result = try await generate(request)
        #expect(result.images[0].width == 64 && result.images[0].height == 56)
        #expect(result.info["width"] == .int(70))
        #expect(result.infotexts[0].contains("Size: 70x60"))
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
        // A1111's per-image generators: image 3 of the job equals a single run with its seed.
        let single = try await generate(.tiny(seed: 503))
        let difference = zip(result.images[3].pixels, single.images[0].pixels).map { abs(Int($0) - Int($1)) }.max() ?? 0
        #expect(difference <= 1, "batched and single generation differ by \(difference)")
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
