import Testing

@testable import Imaging

/// Encode → decode round trips for every codec and layout, and the infotext each format
/// carries (PNG text chunks read back by scanning the chunk stream; EXIF UserComment).
@Suite struct CodecRoundTripTests {
    /// A smooth gradient with some texture: lossy codecs keep it within a few levels.
    static func testImage(layout: PixelLayout, width: Int = 40, height: Int = 24) throws -> Image {
        var pixels = [UInt8]()
        for y in 0..<height {
            for x in 0..<width {
                let base = [x * 255 / (width - 1), y * 255 / (height - 1), (x * 3 + y * 5) % 64 + 96]
                for channel in 0..<layout.channels {
                    let alpha = layout.hasAlpha && channel == layout.channels - 1
                    pixels.append(UInt8(alpha ? (x * 7 + y * 11) % 256 : base[channel % 3]))
                }
            }
        }
        return try Image(width: width, height: height, layout: layout, pixels: pixels)
    }

    @Test(arguments: PixelLayout.allCases)
    func pngIsLossless(layout: PixelLayout) throws {
        let image = try Self.testImage(layout: layout)
        let decoded = try ImageDecoder.decode(ImageEncoder.png(image))
        #expect(decoded.format == .png)
        #expect(decoded.image == image)
    }

    @Test func pngInfotextIsATextChunkBeforeTheImageData() throws {
        let infotext = "a cat\nNegative prompt: dog\nSteps: 20, Sampler: Euler a, CFG scale: 7.0, Seed: 1, Size: 40x24"
        let bytes = try ImageEncoder.encodeForResponse(try Self.testImage(layout: .rgb), format: .png, infotext: infotext)
        let chunks = pngChunks(bytes)
        let text = try #require(chunks.firstIndex { $0.type == "tEXt" })
        let data = try #require(chunks.firstIndex { $0.type == "IDAT" })
        #expect(text < data)
        #expect(chunks[text].data == Array("parameters".utf8) + [0] + Array(infotext.utf8))
        #expect(!chunks.contains { $0.type == "iTXt" })
    }

    @Test func pngLatin1InfotextStaysTEXtAndOtherTextBecomesITXt() throws {
        let image = try Self.testImage(layout: .rgb)
        let latin = try ImageEncoder.png(image, texts: [PNGText(key: "parameters", value: "café")])
        #expect(pngChunks(latin).first { $0.type == "tEXt" }?.data == Array("parameters".utf8) + [0, 0x63, 0x61, 0x66, 0xE9])

        let unicode = "猫, émoji 🐈"
        let international = try ImageEncoder.png(image, texts: [PNGText(key: "parameters", value: unicode)])
        let chunk = try #require(pngChunks(international).first { $0.type == "iTXt" })
        // keyword, NUL, compression flag 0, method 0, empty language, NUL, empty translation, NUL, UTF-8
        #expect(chunk.data == Array("parameters".utf8) + [0, 0, 0, 0, 0] + Array(unicode.utf8))
    }

    @Test func pngWithoutInfotextHasNoTextChunks() throws {
        let bytes = try ImageEncoder.encodeForResponse(try Self.testImage(layout: .rgb), format: .png, infotext: nil)
        #expect(!pngChunks(bytes).contains { ["tEXt", "iTXt", "zTXt"].contains($0.type) })
    }

    @Test func pngRejectsBadKeywordsAndLevels() throws {
        let image = try Self.testImage(layout: .gray)
        #expect(throws: ImagingError.self) { try ImageEncoder.png(image, texts: [PNGText(key: "", value: "x")]) }
        #expect(throws: ImagingError.self) { try ImageEncoder.png(image, texts: [PNGText(key: "猫", value: "x")]) }
        #expect(throws: ImagingError.self) { try ImageEncoder.png(image, compressionLevel: 10) }
    }

    @Test func jpegKeepsTheImageAndCarriesTheInfotextInExif() throws {
        let image = try Self.testImage(layout: .rgba)
        let infotext = "日本語 prompt\nSteps: 20, Seed: 5"
        let bytes = try ImageEncoder.encodeForResponse(image, format: .jpeg, infotext: infotext, quality: 95)
        let decoded = try ImageDecoder.decode(bytes)
        #expect(decoded.format == .jpeg)
        #expect(decoded.exifUserComment == infotext)
        expectMeanDifferenceBelow(decoded.image, image.converted(to: .rgb), 3, "JPEG q95")
        // The APP1 segment right after JFIF's APP0 holds exactly A1111's piexif block.
        let app1 = try #require(jpegSegment(bytes, marker: 0xE1))
        #expect(app1 == Array("Exif\0\0".utf8) + ExifWriter.userCommentPayload(infotext))
    }

    @Test func jpegGrayStaysGray() throws {
        let image = try Self.testImage(layout: .gray)
        let decoded = try ImageDecoder.decode(ImageEncoder.jpeg(image, quality: 90))
        #expect(decoded.image.layout == .gray)
        expectMeanDifferenceBelow(decoded.image, image, 3, "gray JPEG q90")
        #expect(throws: ImagingError.self) { try ImageEncoder.jpeg(image, quality: 101) }
    }

    @Test(arguments: [PixelLayout.rgb, .rgba])
    func losslessWebPIsExact(layout: PixelLayout) throws {
        let image = try Self.testImage(layout: layout)
        let decoded = try ImageDecoder.decode(ImageEncoder.webp(image, quality: 100, lossless: true))
        #expect(decoded.format == .webp)
        if layout == .rgba {
            // libwebp may change colour under fully transparent pixels; compare where visible.
            #expect(decoded.image.alphaChannel() == image.alphaChannel())
            #expect(decoded.image.flattened() == image.flattened())
        } else {
            #expect(decoded.image == image)
        }
    }

    @Test func lossyWebPCarriesTheInfotextInExif() throws {
        let image = try Self.testImage(layout: .rgb)
        let bytes = try ImageEncoder.encodeForResponse(image, format: .webp, infotext: "a dog, Steps: 3", quality: 90)
        let decoded = try ImageDecoder.decode(bytes)
        #expect(decoded.exifUserComment == "a dog, Steps: 3")
        #expect(decoded.image.layout == .rgb)
        expectMeanDifferenceBelow(decoded.image, image, 4, "WebP q90")
    }

    @Test func responseWithoutInfotextStillWritesAnEmptyUserComment() throws {
        let bytes = try ImageEncoder.encodeForResponse(try Self.testImage(layout: .rgb), format: .jpeg, infotext: nil)
        #expect(try ImageDecoder.decode(bytes).exifUserComment == "")
    }

    @Test func linkedLibrariesReportVersions() {
        let versions = CodecLibraryVersions.linked
        #expect(versions.libpng.hasPrefix("1.6"))
        #expect(versions.libjpeg >= 62)
        #expect(versions.libwebp.split(separator: ".").count == 3)
        #expect(!versions.zlib.isEmpty)
    }
}

/// The payload of the first JPEG segment with `marker` (0xE1 = APP1), scanning headers only.
func jpegSegment(_ bytes: [UInt8], marker: UInt8) -> [UInt8]? {
    var offset = 2
    while offset + 4 <= bytes.count, bytes[offset] == 0xFF {
        let length = Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3])
        if bytes[offset + 1] == marker { return Array(bytes[offset + 4..<offset + 2 + length]) }
        if bytes[offset + 1] == 0xDA { return nil }
        offset += 2 + length
    }
    return nil
}

func expectMeanDifferenceBelow(_ actual: Image, _ expected: Image, _ limit: Double, _ label: String,
                               sourceLocation: SourceLocation = #_sourceLocation) {
    guard actual.width == expected.width, actual.height == expected.height, actual.layout == expected.layout else {
        Issue.record("\(label): shape differs", sourceLocation: sourceLocation)
        return
    }
    let total = zip(actual.pixels, expected.pixels).reduce(0) { $0 + abs(Int($1.0) - Int($1.1)) }
    let mean = Double(total) / Double(actual.pixels.count)
    #expect(mean < limit, "\(label): mean abs difference \(mean)", sourceLocation: sourceLocation)
}
