import Imaging
import Tensor

/// How the first pass is enlarged for the second (A1111 `latent_upscale_modes` and the
/// built-in pixel upscalers).
enum HiresUpscale: Sendable, Equatable {
    case latent(Latent)
    case pixels(ResampleFilter)

    enum Latent: Sendable, Equatable { case bilinear, bilinearAntialiased, bicubic, bicubicAntialiased, nearest, nearestExact }

    init(_ name: String?) throws {
        switch name ?? "Latent" {
        case "Latent": self = .latent(.bilinear)
        case "Latent (antialiased)": self = .latent(.bilinearAntialiased)
        case "Latent (bicubic)": self = .latent(.bicubic)
        case "Latent (bicubic antialiased)": self = .latent(.bicubicAntialiased)
        case "Latent (nearest)": self = .latent(.nearest)
        case "Latent (nearest-exact)": self = .latent(.nearestExact)
        case "None", "Lanczos": self = .pixels(.lanczos)
        case "Nearest": self = .pixels(.nearest)
        case let other: throw GenerationError.unknownUpscaler(other)
        }
    }

    /// Latents `[B, C, h, w]` to `[B, C, height, width]` as `torch.nn.functional.interpolate`.
    static func resize(_ x: Tensor, height: Int, width: Int, mode: Latent, backend: any Backend) throws -> Tensor {
        switch mode {
        case .bilinear: return try backend.resize(x, height: height, width: width, mode: .bilinear)
        case .bicubic: return try backend.resize(x, height: height, width: width, mode: .bicubic)
        case .bilinearAntialiased, .bicubicAntialiased:
            let (planes, h, w) = (x.shape[0] * x.shape[1], x.shape[2], x.shape[3])
            let values = AntialiasedResize.resize(
                x.floats(), planes: planes, height: h, width: w, toHeight: height, toWidth: width,
                filter: mode == .bilinearAntialiased ? .triangle : .cubic)
            return try Tensor(shape: [x.shape[0], x.shape[1], height, width], values: values)
        case .nearest: return try backend.resizeNearest(x, height: height, width: width)
        case .nearestExact:
            // Source index ⌊(dst + 0.5) · in / out⌋, clamped.
            let (b, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
            let values = x.floats()
            var out = [Float](repeating: 0, count: b * c * height * width)
            for plane in 0..<b * c {
                for y in 0..<height {
                    let sy = min(Int((Double(y) + 0.5) * Double(h) / Double(height)), h - 1)
                    for xIndex in 0..<width {
                        let sx = min(Int((Double(xIndex) + 0.5) * Double(w) / Double(width)), w - 1)
                        out[(plane * height + y) * width + xIndex] = values[(plane * h + sy) * w + sx]
                    }
                }
            }
            return try Tensor(shape: [b, c, height, width], values: out)
        }
    }
}
