import Foundation
import Imaging
import Testing
@testable import Generation

/// End-to-end parity with AUTOMATIC1111: sdserve's pipeline on the tiny SD1 checkpoint must
/// reproduce the reference PNGs of `tools/fixtures/golden/make_fixtures.py` (same prompt
/// weighting, CPU noise, sigmas, sampler, CFG, VAE and uint8 conversion) within 1/255 on at
/// least 99.9 % of the pixels.
///
/// The tiny random model responds weakly to its prompt: dropping the `(red:1.3)` emphasis
/// altogether still leaves three of the four images within 1/255 everywhere (measured: 86 % of
/// channel values unchanged, the rest off by one). So the tests also require 99 % of channel
/// values to be identical, which such a change fails (a weight of 1.25 instead of 1.3: 97.6 %)
/// while float reordering between machines stays far below it (here 99.85–99.93 %).
struct GoldenImageTests {
    static let tolerance = 1
    static let minimumMatchingFraction = 0.999
    static let minimumIdenticalChannelFraction = 0.99

    @Test func manifestMatchesTheCheckpointWriter() async throws {
        let fixtures = try GoldenFixtures.load()
        #expect(fixtures.cases.map(\.kind).sorted() == ["img2img", "inpaint", "inpaint", "txt2img", "txt2img"])
        _ = try await fixtures.model()
    }

    @Test(arguments: GoldenFixtures.caseNames)
    func pipelineReproducesTheReference(_ name: String) async throws {
        let fixtures = try GoldenFixtures.load()
        let testCase = try fixtures.testCase(named: name)
        let model = try await fixtures.model()
        let request = Self.request(for: testCase)
        let result = try await TinyModels.service.run(job: "golden-\(name)") { _, _ in
            if testCase.kind == "txt2img" {
                return try await Txt2ImgPipeline.run(request, model: model, context: testContext)
            }
            return try await Img2ImgPipeline.run(request, input: try Self.input(for: testCase), model: model, context: testContext)
        }
        // Compare what a client receives: the response PNG, decoded.
        let encoded = try result.encodedImages(settings: request.settings)
        #expect(encoded.count == 1)
        let actual = try ImageDecoder.decode(base64: encoded[0]).image
        let comparison = try PixelComparison(actual: actual, expected: GoldenFixtures.image(testCase.expected), tolerance: Self.tolerance)
        #expect(
            comparison.matchingFraction >= Self.minimumMatchingFraction,
            "\(name): \(comparison.report) (reference: \(fixtures.generator))")
        #expect(
            comparison.identicalChannelFraction >= Self.minimumIdenticalChannelFraction,
            "\(name): too few identical channel values; \(comparison.report) (reference: \(fixtures.generator))")
    }

    static func request(for testCase: GoldenFixtures.Case) -> GenerationRequest {
        var request = GenerationRequest()
        request.prompt = testCase.prompt
        request.negativePrompt = testCase.negativePrompt
        request.seed = testCase.seed
        request.samplerName = testCase.sampler
        request.scheduler = testCase.scheduler
        request.steps = testCase.steps
        request.cfgScale = testCase.cfgScale
        request.width = testCase.width
        request.height = testCase.height
        request.settings.randnSource = "CPU"
        return request
    }

    static func input(for testCase: GoldenFixtures.Case) throws -> Img2ImgInput {
        guard let initImage = testCase.initImage, let strength = testCase.denoisingStrength else {
            throw GoldenFixtureError("\(testCase.name): an img2img case needs initImage and denoisingStrength")
        }
        var input = Img2ImgInput(initImages: [try GoldenFixtures.image(initImage)])
        input.denoisingStrength = strength
        if let mask = testCase.mask {
            input.mask = try GoldenFixtures.image(mask)
            let blur = testCase.maskBlur ?? 4
            input.maskOptions = InpaintMaskOptions(blurX: blur, blurY: blur, onlyMasked: false)
            input.inpaintingFill = InpaintingFill(rawValue: testCase.inpaintingFill ?? 0) ?? .fill
        }
        return input
    }
}

/// Per-pixel comparison of two images of the same size and layout: a pixel matches when every
/// channel is within `tolerance`.
struct PixelComparison {
    let matchingFraction: Double
    /// Channel values equal to the reference's.
    let identicalChannelFraction: Double
    let report: String

    init(actual: Image, expected: Image, tolerance: Int) throws {
        guard actual.width == expected.width, actual.height == expected.height, actual.layout == expected.layout else {
            throw GoldenFixtureError(
                "image is \(actual.width)×\(actual.height) \(actual.layout), reference \(expected.width)×\(expected.height) \(expected.layout)")
        }
        let channels = actual.channels
        var maxDifference = 0
        var histogram = [Int](repeating: 0, count: 256)
        var mismatches: [String] = []
        var mismatchedPixels = 0
        for pixel in 0..<(actual.width * actual.height) {
            var worst = 0
            for c in 0..<channels {
                let i = pixel * channels + c
                let difference = abs(Int(actual.pixels[i]) - Int(expected.pixels[i]))
                histogram[difference] += 1
                worst = max(worst, difference)
            }
            maxDifference = max(maxDifference, worst)
            guard worst > tolerance else { continue }
            mismatchedPixels += 1
            if mismatches.count < 8 {
                let base = pixel * channels
                mismatches.append("(\(pixel % actual.width), \(pixel / actual.width)) got \(actual.pixels[base..<base + channels].map { $0 }) "
                    + "expected \(expected.pixels[base..<base + channels].map { $0 })")
            }
        }
        let total = actual.width * actual.height
        matchingFraction = Double(total - mismatchedPixels) / Double(total)
        identicalChannelFraction = Double(histogram[0]) / Double(total * channels)
        let spread = histogram.enumerated().filter { $0.element > 0 }.prefix(6).map { "\($0.offset): \($0.element)" }
        report = "\(mismatchedPixels) of \(total) pixels differ by more than \(tolerance) "
            + "(\(String(format: "%.3f", 100 * matchingFraction)) % match, "
            + "\(String(format: "%.2f", 100 * identicalChannelFraction)) % of channel values identical); max difference \(maxDifference); "
            + "channel differences {\(spread.joined(separator: ", "))}; first mismatches: \(mismatches.joined(separator: "; "))"
    }
}
