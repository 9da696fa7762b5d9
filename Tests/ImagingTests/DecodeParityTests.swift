import Testing

@testable import Imaging

/// Files written by PIL, decoded as A1111 sees them (PIL open, `exif_transpose`, PNG
/// transparency fix, palette to RGB). Lossless formats must match exactly; JPEG and lossy
/// WebP within 1 per sample, because Pillow's wheels bundle their own libjpeg-turbo and libwebp
/// (measured difference with Debian 12's libjpeg-turbo 2.1.5 and libwebp 1.2.4: 0). One
/// deliberate difference: 16-bit gray keeps each sample's high byte, where PIL opens mode "I"
/// and A1111's RGB conversion would clip it to white.
@Suite struct DecodeParityTests {
    let fixtures: ImagingFixtures

    init() throws { fixtures = try ImagingFixtures() }

    @Test func decodesWhatPILDecodes() throws {
        for item in fixtures.manifest.decode {
            let decoded = try ImageDecoder.decode(fixtures.bytes(item.file))
            let lossy = item.file.hasSuffix(".jpg") || item.file == "files/rgb.webp"
            expectImagesClose(decoded.image, try fixtures.image(item.expected), tolerance: lossy ? 1 : 0, item.file)
        }
    }

    @Test func sniffsFormats() throws {
        #expect(ImageFormat.sniff(try fixtures.bytes("files/rgb.png")) == .png)
        #expect(ImageFormat.sniff(try fixtures.bytes("files/rgb.jpg")) == .jpeg)
        #expect(ImageFormat.sniff(try fixtures.bytes("files/rgb.webp")) == .webp)
        #expect(ImageFormat.sniff(Array("GIF89a".utf8)) == nil)
    }

    @Test func rejectsGarbageWithTypedErrors() throws {
        #expect(throws: ImagingError.unrecognizedFormat(leadingBytes: "bytes 47 49 46 38 39 61")) {
            try ImageDecoder.decode(Array("GIF89a".utf8))
        }
        let png = try fixtures.bytes("files/rgb.png")
        #expect {
            try ImageDecoder.decode(Array(png.prefix(60)))
        } throws: { error in
            guard case .corruptImage(.png, _) = error as? ImagingError else { return false }
            return true
        }
        let jpeg = try fixtures.bytes("files/rgb.jpg")
        #expect {
            try ImageDecoder.decode(Array(jpeg.prefix(40)))
        } throws: { error in
            guard case .corruptImage(.jpeg, _) = error as? ImagingError else { return false }
            return true
        }
        #expect(throws: ImagingError.self) { try ImageDecoder.decode(Array("RIFF\0\0\0\0WEBPVP8 ".utf8)) }
    }

    @Test func enforcesPixelLimit() throws {
        #expect {
            try ImageDecoder.decode(fixtures.bytes("files/rgb.png"), maxPixels: 100)
        } throws: { error in
            guard case .imageTooLarge = error as? ImagingError else { return false }
            return true
        }
    }
}
