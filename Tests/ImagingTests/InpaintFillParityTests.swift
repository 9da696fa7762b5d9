import Testing

@testable import Imaging

/// "Fill" masked content and the latent mask, against PIL. Tolerance 0: PIL's box blur,
/// premultiplication and alpha compositing are integer arithmetic reproduced step by step.
@Suite struct InpaintFillParityTests {
    let fixtures: ImagingFixtures

    init() throws { fixtures = try ImagingFixtures() }

    @Test func gaussianBlurMatchesPIL() throws {
        for item in fixtures.manifest.pil_gaussian_blur {
            let blurred = try fixtures.image(item.source).pilGaussianBlurred(radius: item.radius)
            expectImagesClose(blurred, try fixtures.image(item.expected), tolerance: 0,
                              "GaussianBlur(\(item.radius)) on \(item.source)")
        }
    }

    @Test func fillMatchesA1111() throws {
        let item = fixtures.manifest.inpaint_fill
        let filled = try fixtures.image(item.image).filledUnderMask(fixtures.image(item.mask))
        expectImagesClose(filled, try fixtures.image(item.expected), tolerance: 0, "masking.fill")
    }

    @Test func latentMaskMatchesA1111() throws {
        let item = fixtures.manifest.latent_mask
        let mask = try fixtures.image(item.mask)
        #expect(try mask.latentMask(width: item.width, height: item.height, round: false) == fixtures.floats(item.values))
        #expect(try mask.latentMask(width: item.width, height: item.height, round: true) == fixtures.floats(item.rounded))
    }

    @Test func fillRejectsMismatchedMask() throws {
        let image = try Image(width: 4, height: 4, layout: .rgb, fill: [9, 9, 9])
        #expect(throws: ImagingError.self) { try image.filledUnderMask(Image(width: 4, height: 3, layout: .gray, fill: [255])) }
    }
}
