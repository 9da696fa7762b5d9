import Testing

@testable import Imaging

@Suite struct VAEConversionTests {
    /// Exact: the fixture is numpy's float32 clamp, `255. *` and `astype(np.uint8)`.
    @Test func decoderOutputRoundsLikeA1111() throws {
        let fixtures = try ImagingFixtures()
        let item = fixtures.manifest.vae_output
        let image = try Image(vaeOutputPlanes: fixtures.floats(item.planes), width: item.width, height: item.height)
        expectImagesClose(image, try fixtures.image(item.expected), tolerance: 0, "VAE output rounding")
    }

    @Test func truncatesInsteadOfRounding() {
        #expect(Image.a1111Sample(1) == 255)
        #expect(Image.a1111Sample(-1) == 0)
        #expect(Image.a1111Sample(0) == 127)   // 255 * 0.5 = 127.5 truncates
        #expect(Image.a1111Sample(.nan) == 0)
        #expect(Image.a1111Sample(7) == 255)
    }

    @Test func encoderInputIsPlanarInMinusOneToOne() throws {
        let image = try Image(width: 2, height: 1, layout: .rgb, pixels: [0, 128, 255, 10, 20, 30])
        let planes = image.vaeInputPlanes()
        #expect(planes.count == 6)
        #expect(planes[0] == -1)                                 // R of pixel 0
        #expect(planes[1] == 2 * (Float(10) / 255) - 1)          // R of pixel 1
        #expect(planes[2] == 2 * (Float(128) / 255) - 1)         // G of pixel 0
        #expect(planes[4] == 1)                                  // B of pixel 0
        #expect(throws: ImagingError.self) { try Image(vaeOutputPlanes: planes, width: 3, height: 1) }
    }
}
