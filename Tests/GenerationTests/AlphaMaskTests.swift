import Imaging
import Testing
@testable import Generation

/// An init image's transparency is the inpainting mask when no `mask` is sent.
struct AlphaMaskTests {
    /// 64×64 RGBA: opaque grey on the right half, the left half's alpha as given.
    static func image(leftAlpha: UInt8) throws -> Image {
        var pixels: [UInt8] = []
        for _ in 0..<64 { for x in 0..<64 { pixels += [90, 120, 150, x < 32 ? leftAlpha : 255] } }
        return try Image(width: 64, height: 64, layout: .rgba, pixels: pixels)
    }

    @Test func anyTransparencyIsRepainted() throws {
        let input = Img2ImgInput(initImages: [try Self.image(leftAlpha: 200)])
        let mask = try #require(input.alphaMask)
        #expect(mask.layout == .gray)
        #expect(mask.pixels[0] == 255 && mask.pixels[31] == 255 && mask.pixels[32] == 0 && mask.pixels[63] == 0)
        #expect(Img2ImgInput(initImages: [try Self.image(leftAlpha: 255)]).alphaMask == nil)
    }

    @Test func img2imgInpaintsTheTransparentPartAndKeepsTheRest() async throws {
        let model = try await TinyModels.sharedCache.model(for: TinyModels.sd15())
        let initImage = try Self.image(leftAlpha: 0)
        var unblurred = Img2ImgInput(initImages: [initImage])
        unblurred.maskOptions = InpaintMaskOptions(blurX: 0, blurY: 0, onlyMasked: false)
        let input = unblurred
        let request = GenerationRequest.tiny(seed: 2, steps: 3)
        let result = try await TinyModels.service.run(job: "test") { _, _ in
            try await Img2ImgPipeline.run(request, input: input, model: model, context: testContext)
        }
        #expect(result.infotexts[0].contains("Mask blur: 0, Masked content: fill"), "\(result.infotexts[0])")
        let image = result.images[0]
        // The opaque right half is pasted back exactly; the transparent left half is generated.
        #expect(image.pixels[(10 * 64 + 50) * 3..<(10 * 64 + 51) * 3].elementsEqual([90, 120, 150]))
        #expect(!image.pixels[(10 * 64 + 5) * 3..<(10 * 64 + 6) * 3].elementsEqual([90, 120, 150]))
    }
}
