import Testing

@testable import Imaging

/// A1111's inpainting mask steps against the webui's own libraries. Tolerances: mask blur
/// 0 (OpenCV's 8-bit Gaussian is fixed-point and reproduced exactly), binary masks, crop
/// regions and the overlay composite 0 (integer arithmetic throughout).
@Suite struct MaskParityTests {
    let fixtures: ImagingFixtures

    init() throws { fixtures = try ImagingFixtures() }

    @Test func maskBlurMatchesOpenCV() throws {
        for item in fixtures.manifest.mask_blur {
            let blurred = try fixtures.image(item.source).maskBlurred(x: item.blur_x, y: item.blur_y)
            expectImagesClose(blurred, try fixtures.image(item.expected), tolerance: 0,
                              "mask blur x \(item.blur_x) y \(item.blur_y)")
        }
    }

    @Test func binaryMaskMatchesA1111() throws {
        for item in fixtures.manifest.binary_mask {
            let mask = try fixtures.image(item.source).binaryMask(round: item.round)
            expectImagesClose(mask, try fixtures.image(item.expected), tolerance: 0,
                              "create_binary_mask(\(item.source), round: \(item.round))")
        }
    }

    @Test func cropRegionsMatchA1111() throws {
        for item in fixtures.manifest.crop_region {
            let mask = try fixtures.image(item.mask)
            let label = "\(item.mask) padding \(item.padding) for \(item.processing_width)x\(item.processing_height)"
            let region = CropRegion.around(mask: mask, padding: item.padding)
            #expect(region.map { [$0.x0, $0.y0, $0.x1, $0.y1] } == item.region, "\(label): get_crop_region_v2")
            guard let region else { continue }
            let expanded = CropRegion.expanded(region, processingWidth: item.processing_width,
                                               processingHeight: item.processing_height,
                                               imageWidth: mask.width, imageHeight: mask.height)
            #expect([expanded.x0, expanded.y0, expanded.x1, expanded.y1] == item.expanded, "\(label): expand_crop_region")
        }
    }

    @Test func overlayAndPasteBackMatchA1111() throws {
        for item in fixtures.manifest.overlay {
            let overlay = try InpaintOverlay(original: fixtures.image(item.original), mask: fixtures.image(item.mask))
            expectImagesClose(overlay.overlay, try fixtures.image(item.overlay), tolerance: 0, "overlay image \(item.overlay)")
            let region = item.paste_region.map { PixelRegion(x0: $0[0], y0: $0[1], x1: $0[2], y1: $0[3]) }
            let composite = try overlay.applied(to: fixtures.image(item.generated), pasteRegion: region)
            expectImagesClose(composite, try fixtures.image(item.expected), tolerance: 0, "apply_overlay \(item.expected)")
        }
    }

    @Test func invertAndDoubleWorkPerSample() throws {
        let mask = try Image(width: 3, height: 1, layout: .gray, pixels: [0, 100, 200])
        #expect(mask.inverted().pixels == [255, 155, 55])
        #expect(mask.doubledMask().pixels == [0, 200, 255])
        let withAlpha = try Image(width: 1, height: 1, layout: .rgba, pixels: [10, 20, 30, 40])
        #expect(withAlpha.inverted().pixels == [245, 235, 225, 40])
    }

    @Test func overlayRejectsMismatchedMask() throws {
        let image = try Image(width: 4, height: 4, layout: .rgb, fill: [1, 2, 3])
        let mask = try Image(width: 3, height: 4, layout: .gray, fill: [0])
        #expect(throws: ImagingError.self) { try InpaintOverlay(original: image, mask: mask) }
    }
}
