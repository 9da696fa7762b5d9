import Checkpoint
import Foundation
import Generation
import Imaging
import SDAPI
import SDTesting

/// A `TestServer` whose models folder holds real tiny checkpoints (random weights in the real
/// layout, written by `TestModelWriter`): `tiny-a` and `tiny-b` (SD1, different weights),
/// `tiny-inpaint` (SD1 9-channel) and `zz-broken` (not a checkpoint).
enum GenerationServer {
    static func make(_ configure: @escaping (inout ServerConfiguration) -> Void = { _ in }) throws -> TestServer {
        let server = try TestServer(files: false) { configuration in configure(&configuration) }
        try write(.sd15Tiny, "checkpoints/tiny-a.safetensors", seed: 1, in: server.models)
        try write(.sd15Tiny, "checkpoints/tiny-b.safetensors", seed: 2, in: server.models)
        try write(.sd15InpaintTiny, "checkpoints/tiny-inpaint.safetensors", seed: 3, in: server.models)
        try server.models.write(Data("not a checkpoint".utf8), to: "checkpoints/zz-broken.safetensors")
        return server
    }

    static func write(_ preset: ModelPreset, _ path: String, seed: UInt64, in folder: TemporaryModelFolder) throws {
        let url = folder.url(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try TestModelWriter.write(preset, to: url.path, seed: seed, dtype: .f32)
    }

    /// A fast txt2img body: 64×64, 3 Euler steps, a fixed seed.
    static func txt2img(seed: Int = 1234, steps: Int = 3, extra: [(String, JSONValue)] = []) -> JSONValue {
        let base: [(String, JSONValue)] = [
            ("prompt", "a photo of a cat"), ("negative_prompt", "blurry"), ("seed", .int(seed)), ("steps", .int(steps)),
            ("width", 64), ("height", 64), ("sampler_name", "Euler"),
        ]
        // Later keys win, as in a Python dict built from the same pairs.
        var pairs: [(key: String, value: JSONValue)] = []
        for (key, value) in base + extra {
            if let index = pairs.firstIndex(where: { $0.key == key }) { pairs[index].value = value } else { pairs.append((key, value)) }
        }
        return .object(pairs)
    }

    /// A 64×64 RGB gradient as base64 PNG.
    static func gradientPNG() throws -> String {
        var pixels: [UInt8] = []
        for y in 0..<64 { for x in 0..<64 { pixels += [UInt8(x * 4), UInt8(y * 4), 128] } }
        return Base64Image.encode(try ImageEncoder.png(try Image(width: 64, height: 64, layout: .rgb, pixels: pixels)))
    }

    /// A 64×64 mask, white (repaint) on the left half.
    static func leftHalfMaskPNG() throws -> String {
        var pixels: [UInt8] = []
        for _ in 0..<64 { for x in 0..<64 { pixels.append(x < 32 ? 255 : 0) } }
        return Base64Image.encode(try ImageEncoder.png(try Image(width: 64, height: 64, layout: .gray, pixels: pixels)))
    }
}
