/// PyTorch's `interpolate(x, size, mode, align_corners=False, antialias=True)` for bilinear and
/// bicubic, behind A1111's "Latent (antialiased)" and "Latent (bicubic antialiased)" modes.
/// Separable: each output sample is a normalised weighted sum of the input samples under the
/// filter, which is stretched by the scale when shrinking (as PIL resamples); enlarging keeps
/// the filter's own support. The antialiased cubic uses a = −0.5, not plain bicubic's −0.75.
enum AntialiasedResize {
    enum Filter: Sendable {
        case triangle, cubic

        /// Half the filter's width in input samples at scale 1.
        var radius: Double { self == .triangle ? 1 : 2 }

        func weight(_ x: Double) -> Double {
            let x = abs(x)
            switch self {
            case .triangle: return max(0, 1 - x)
            case .cubic:
                let a = -0.5
                if x < 1 { return ((a + 2) * x - (a + 3)) * x * x + 1 }
                if x < 2 { return ((a * x - 5 * a) * x + 8 * a) * x - 4 * a }
                return 0
            }
        }
    }

    /// The input samples one output sample reads, from `start`, with normalised weights.
    struct Taps: Equatable {
        let start: Int
        let weights: [Float]
    }

    /// Taps for every output index of one axis (PyTorch `_compute_indices_min_size_weights_aa`).
    static func taps(input: Int, output: Int, filter: Filter) -> [Taps] {
        let scale = Double(input) / Double(output)
        let support = scale >= 1 ? filter.radius * scale : filter.radius
        let inverse = scale >= 1 ? 1 / scale : 1
        return (0..<output).map { i in
            let center = scale * (Double(i) + 0.5)
            let start = max(Int(center - support + 0.5), 0)
            let end = min(Int(center + support + 0.5), input)
            let raw = (start..<max(start, end)).map { filter.weight((Double($0) - center + 0.5) * inverse) }
            let total = raw.reduce(0, +)
            return Taps(start: start, weights: raw.map { Float(total != 0 ? $0 / total : $0) })
        }
    }

    /// `values` as `planes` row-major `height × width` planes, resized to `toHeight × toWidth`:
    /// along the width first, then the height.
    static func resize(
        _ values: [Float], planes: Int, height: Int, width: Int, toHeight: Int, toWidth: Int, filter: Filter
    ) -> [Float] {
        let across = taps(input: width, output: toWidth, filter: filter)
        let down = taps(input: height, output: toHeight, filter: filter)
        var rows = [Float](repeating: 0, count: planes * height * toWidth)
        for row in 0..<planes * height {
            let source = row * width
            for (x, tap) in across.enumerated() {
                var sum: Float = 0
                for (k, weight) in tap.weights.enumerated() { sum += values[source + tap.start + k] * weight }
                rows[row * toWidth + x] = sum
            }
        }
        var out = [Float](repeating: 0, count: planes * toHeight * toWidth)
        for plane in 0..<planes {
            for (y, tap) in down.enumerated() {
                for x in 0..<toWidth {
                    var sum: Float = 0
                    for (k, weight) in tap.weights.enumerated() {
                        sum += rows[(plane * height + tap.start + k) * toWidth + x] * weight
                    }
                    out[(plane * toHeight + y) * toWidth + x] = sum
                }
            }
        }
        return out
    }
}
