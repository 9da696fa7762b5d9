import Foundation

/// A1111's `rng.slerp(val, low, high)` as it acts on one image's [C, H, W] noise: norms and
/// dot products run along H (torch `dim=1`), so every (channel, column) pair is interpolated
/// on its own. When the mean dot product exceeds 0.9995 A1111 falls back to the linear blend
/// `low·val + high·(1−val)` (weights swapped relative to slerp; kept for parity).
enum Slerp {
    static func interpolate(_ value: Double, _ low: [Float], _ high: [Float], shape: LatentShape) -> [Float] {
        let (c, h, w) = (shape.channels, shape.height, shape.width)
        func index(_ ci: Int, _ hi: Int, _ wi: Int) -> Int { (ci * h + hi) * w + wi }
        var dots = [Double](repeating: 0, count: c * w)
        for ci in 0..<c {
            for wi in 0..<w {
                var lowNorm = 0.0, highNorm = 0.0
                for hi in 0..<h {
                    lowNorm += Double(low[index(ci, hi, wi)]) * Double(low[index(ci, hi, wi)])
                    highNorm += Double(high[index(ci, hi, wi)]) * Double(high[index(ci, hi, wi)])
                }
                lowNorm = lowNorm.squareRoot()
                highNorm = highNorm.squareRoot()
                var dot = 0.0
                for hi in 0..<h {
                    dot += Double(low[index(ci, hi, wi)]) / lowNorm * (Double(high[index(ci, hi, wi)]) / highNorm)
                }
                dots[ci * w + wi] = dot
            }
        }
        if dots.reduce(0, +) / Double(dots.count) > 0.9995 {
            return zip(low, high).map { Float(Double($0) * value + Double($1) * (1 - value)) }
        }
        var result = low
        for ci in 0..<c {
            for wi in 0..<w {
                let omega = acos(dots[ci * w + wi])
                let so = sin(omega)
                let a = sin((1 - value) * omega) / so, b = sin(value * omega) / so
                for hi in 0..<h {
                    let i = index(ci, hi, wi)
                    result[i] = Float(a * Double(low[i]) + b * Double(high[i]))
                }
            }
        }
        return result
    }
}
