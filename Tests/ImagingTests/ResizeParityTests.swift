import Testing

@testable import Imaging

/// PIL's resampling and A1111's `resize_image`, against PIL itself. PIL's 8-bit resampling is
/// integer arithmetic that we reproduce step by step, so the tolerance is 0 for every filter.
@Suite struct ResizeParityTests {
    let fixtures: ImagingFixtures

    init() throws { fixtures = try ImagingFixtures() }

    @Test func resizeMatchesPIL() throws {
        for item in fixtures.manifest.resize {
            let source = try fixtures.image(item.source)
            let filter = try #require(ResampleFilter(rawValue: item.filter))
            let box = item.box.map { ResampleBox(x0: $0[0], y0: $0[1], x1: $0[2], y1: $0[3]) }
            let resized = try source.resized(width: item.width, height: item.height, filter: filter, box: box)
            expectImagesClose(resized, try fixtures.image(item.expected), tolerance: 0,
                              "\(item.source) \(item.filter) to \(item.width)x\(item.height) box \(item.box ?? [])")
        }
    }

    @Test func resizeModesMatchA1111() throws {
        for item in fixtures.manifest.resize_mode {
            let source = try fixtures.image(item.source)
            let mode = try #require(ResizeMode(rawValue: item.mode))
            let resized = try source.resized(mode: mode, width: item.width, height: item.height)
            expectImagesClose(resized, try fixtures.image(item.expected), tolerance: 0,
                              "\(item.source) resize_mode \(item.mode) to \(item.width)x\(item.height)")
        }
    }

    @Test func hiresPixelUpscalersMatchA1111() throws {
        for item in fixtures.manifest.upscaler {
            let upscaler = try #require(PixelUpscaler(rawValue: item.upscaler))
            let mode = try #require(ResizeMode(rawValue: item.mode))
            let resized = try fixtures.image(item.source).resized(mode: mode, width: item.width, height: item.height, upscaler: upscaler)
            expectImagesClose(resized, try fixtures.image(item.expected), tolerance: 0,
                              "\(item.upscaler) resize_mode \(item.mode) to \(item.width)x\(item.height)")
        }
    }

    @Test func sameSizeWithoutBoxIsUnchanged() throws {
        let source = try fixtures.image("rgb")
        #expect(try source.resized(width: source.width, height: source.height, filter: .lanczos) == source)
    }

    @Test func boxOutsideImageIsRejected() throws {
        let source = try fixtures.image("rgb")
        #expect(throws: ImagingError.self) {
            try source.resized(width: 4, height: 4, filter: .bilinear, box: ResampleBox(x0: 0, y0: 0, x1: 99, y1: 4))
        }
        #expect(throws: ImagingError.self) { try source.resized(width: 0, height: 4, filter: .bilinear) }
    }
}
