import Foundation

/// The Beta(α, β) distribution's CDF (regularised incomplete beta) and its inverse, for the
/// Beta scheduler (scipy.stats.beta.ppf).
struct BetaDistribution: Sendable {
    let alpha: Double
    let beta: Double

    /// I_x(α, β) by the continued fraction (modified Lentz), using the symmetry relation
    /// where the fraction converges slowly.
    func cdf(_ x: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let logFront = lgamma(alpha + beta) - lgamma(alpha) - lgamma(beta)
            + alpha * Foundation.log(x) + beta * Foundation.log1p(-x)
        if x < (alpha + 1) / (alpha + beta + 2) {
            return Foundation.exp(logFront) * Self.continuedFraction(x, alpha, beta) / alpha
        }
        return 1 - Foundation.exp(logFront) * Self.continuedFraction(1 - x, beta, alpha) / beta
    }

    /// The quantile: bisection on the monotone CDF down to adjacent doubles.
    func quantile(_ p: Double) -> Double {
        if p <= 0 { return 0 }
        if p >= 1 { return 1 }
        var low = 0.0, high = 1.0
        for _ in 0..<200 {
            let mid = (low + high) / 2
            if mid <= low || mid >= high { break }
            if cdf(mid) < p { low = mid } else { high = mid }
        }
        return (low + high) / 2
    }

    private static func continuedFraction(_ x: Double, _ a: Double, _ b: Double) -> Double {
        let tiny = 1e-300
        var c = 1.0
        var d = 1 - (a + b) * x / (a + 1)
        d = abs(d) < tiny ? tiny : d
        d = 1 / d
        var result = d
        for m in 1...10_000 {
            let m = Double(m)
            let even = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
            d = 1 + even * d; d = abs(d) < tiny ? tiny : d
            c = 1 + even / c; c = abs(c) < tiny ? tiny : c
            d = 1 / d
            result *= d * c
            let odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
            d = 1 + odd * d; d = abs(d) < tiny ? tiny : d
            c = 1 + odd / c; c = abs(c) < tiny ? tiny : c
            d = 1 / d
            let delta = d * c
            result *= delta
            if abs(delta - 1) < 1e-16 { break }
        }
        return result
    }
}
