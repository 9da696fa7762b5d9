import Foundation
import Testing

@testable import Imaging

/// The parity fixtures under Tests/Fixtures/imaging, written by
/// tools/fixtures/imaging/make_fixtures.py from PIL, OpenCV and piexif.
struct ImagingFixtures {
    static let formatVersion = 1
    static let generator = "tools/fixtures/imaging/make_fixtures.py"

    struct Manifest: Decodable {
        struct ImageEntry: Decodable { let file: String; let width: Int; let height: Int; let layout: String }
        struct Resize: Decodable {
            let source: String; let width: Int; let height: Int; let filter: String; let box: [Float]?; let expected: String
        }
        struct ResizeModeCase: Decodable { let source: String; let mode: Int; let width: Int; let height: Int; let expected: String }
        struct Upscale: Decodable {
            let source: String; let upscaler: String; let mode: Int; let width: Int; let height: Int; let expected: String
        }
        struct MaskBlur: Decodable { let source: String; let blur_x: Double; let blur_y: Double; let expected: String }
        struct BinaryMask: Decodable { let source: String; let round: Bool; let expected: String }
        struct Crop: Decodable {
            let mask: String; let padding: Int; let processing_width: Int; let processing_height: Int
            let region: [Int]?; let expanded: [Int]?
        }
        struct Overlay: Decodable {
            let original: String; let mask: String; let generated: String; let paste_region: [Int]?
            let overlay: String; let expected: String
        }
        struct Decode: Decodable { let file: String; let expected: String }
        struct ExifComment: Decodable { let text: String; let payload_hex: String }
        struct PILBlur: Decodable { let source: String; let radius: Float; let expected: String }
        struct Fill: Decodable { let image: String; let mask: String; let expected: String }
        struct LatentMask: Decodable { let mask: String; let width: Int; let height: Int; let values: String; let rounded: String }
        struct InpaintPipeline: Decodable {
            let `init`: String; let mask: String; let width: Int; let height: Int; let resize_mode: Int
            let blur: Double; let round: Bool; let invert: Bool; let only_masked: Bool; let padding: Int; let fill: Bool
            let crop_region: [Int]?; let processing_mask: String; let image: String; let overlay: String
            let latent_mask: String; let generated: String; let composite: String
        }
        struct VAEOutput: Decodable { let planes: String; let width: Int; let height: Int; let expected: String }

        let format_version: Int
        let images: [String: ImageEntry]
        let resize: [Resize]
        let resize_mode: [ResizeModeCase]
        let upscaler: [Upscale]
        let mask_blur: [MaskBlur]
        let binary_mask: [BinaryMask]
        let crop_region: [Crop]
        let overlay: [Overlay]
        let pil_gaussian_blur: [PILBlur]
        let inpaint_fill: Fill
        let latent_mask: LatentMask
        let inpaint_pipeline: [InpaintPipeline]
        let decode: [Decode]
        let exif_user_comment: [ExifComment]
        let vae_output: VAEOutput
    }

    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/imaging")

    let manifest: Manifest

    init() throws {
        let data = try Data(contentsOf: Self.directory.appendingPathComponent("manifest.json"))
        manifest = try JSONDecoder().decode(Manifest.self, from: data)
        guard manifest.format_version == Self.formatVersion else {
            throw FixtureError("fixture format \(manifest.format_version) != \(Self.formatVersion); rerun \(Self.generator)")
        }
    }

    func bytes(_ relativePath: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: Self.directory.appendingPathComponent(relativePath)))
    }

    func image(_ name: String) throws -> Image {
        guard let entry = manifest.images[name], let layout = PixelLayout(rawValue: entry.layout) else {
            throw FixtureError("no image \(name) in the manifest; rerun \(Self.generator)")
        }
        return try Image(width: entry.width, height: entry.height, layout: layout, pixels: bytes(entry.file))
    }

    func floats(_ relativePath: String) throws -> [Float] {
        let raw = try bytes(relativePath)
        return stride(from: 0, to: raw.count, by: 4).map { offset in
            Float(bitPattern: UInt32(raw[offset]) | UInt32(raw[offset + 1]) << 8
                | UInt32(raw[offset + 2]) << 16 | UInt32(raw[offset + 3]) << 24)
        }
    }
}

struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Expects equal sizes and layouts and every sample within `tolerance`; on failure reports the
/// maximum absolute difference and the first mismatching samples.
func expectImagesClose(_ actual: Image, _ expected: Image, tolerance: Int, _ label: String,
                       sourceLocation: SourceLocation = #_sourceLocation) {
    guard actual.width == expected.width, actual.height == expected.height, actual.layout == expected.layout else {
        Issue.record("\(label): got \(actual.width)x\(actual.height) \(actual.layout), expected \(expected.width)x\(expected.height) \(expected.layout)",
                     sourceLocation: sourceLocation)
        return
    }
    var maxDifference = 0
    var mismatches = [String]()
    for index in actual.pixels.indices {
        let difference = abs(Int(actual.pixels[index]) - Int(expected.pixels[index]))
        maxDifference = max(maxDifference, difference)
        if difference > tolerance, mismatches.count < 5 {
            let pixel = index / actual.channels
            mismatches.append("(x \(pixel % actual.width), y \(pixel / actual.width), c \(index % actual.channels)): \(actual.pixels[index]) vs \(expected.pixels[index])")
        }
    }
    #expect(maxDifference <= tolerance,
            "\(label): max abs difference \(maxDifference) > \(tolerance); first mismatches \(mismatches.joined(separator: ", "))",
            sourceLocation: sourceLocation)
}
