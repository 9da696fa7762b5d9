import Testing

@testable import Imaging

/// A1111's whole img2img inpainting set-up and paste-back (`StableDiffusionProcessingImg2Img.init`
/// with `apply_overlay`) for "only masked" and "whole picture", alpha and colour masks, invert,
/// fill, resize modes. Tolerance 0 for images and exact equality for the latent mask.
@Suite struct InpaintMaskPipelineTests {
    let fixtures: ImagingFixtures

    init() throws { fixtures = try ImagingFixtures() }

    @Test func matchesA1111StepByStep() throws {
        for (index, item) in fixtures.manifest.inpaint_pipeline.enumerated() {
            let label = "case \(index)"
            let options = InpaintMaskOptions(blurX: item.blur, blurY: item.blur, round: item.round, invert: item.invert,
                                             onlyMasked: item.only_masked, padding: item.padding)
            let mode = try #require(ResizeMode(rawValue: item.resize_mode))
            let mask = try #require(try InpaintMask(mask: fixtures.image(item.mask), width: item.width, height: item.height,
                                                    resizeMode: mode, options: options))
            #expect(mask.cropRegion.map { [$0.x0, $0.y0, $0.x1, $0.y1] } == item.crop_region, "\(label): crop region")
            expectImagesClose(mask.processingMask, try fixtures.image(item.processing_mask), tolerance: 0, "\(label): processing mask")

            let prepared = try mask.prepare(initImage: fixtures.image(item.`init`), fill: item.fill)
            expectImagesClose(prepared.image, try fixtures.image(item.image), tolerance: 0, "\(label): init image for the VAE")
            expectImagesClose(prepared.overlay.overlay, try fixtures.image(item.overlay), tolerance: 0, "\(label): overlay")
            #expect(try mask.latentMask(latentWidth: item.width / 8, latentHeight: item.height / 8)
                    == fixtures.floats(item.latent_mask), "\(label): latent mask")

            let composite = try mask.pasteBack(fixtures.image(item.generated), overlay: prepared.overlay)
            expectImagesClose(composite, try fixtures.image(item.composite), tolerance: 0, "\(label): paste-back")
        }
    }

    @Test func blankMaskInOnlyMaskedModeMeansPlainImg2Img() throws {
        let blank = try Image(width: 16, height: 16, layout: .gray, fill: [0])
        #expect(try InpaintMask(mask: blank, width: 8, height: 8, resizeMode: .justResize, options: InpaintMaskOptions()) == nil)
        let whole = InpaintMaskOptions(onlyMasked: false)
        #expect(try InpaintMask(mask: blank, width: 8, height: 8, resizeMode: .justResize, options: whole) != nil)
    }
}
