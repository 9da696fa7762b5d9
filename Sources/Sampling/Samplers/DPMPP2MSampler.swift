import Foundation

/// DPM-Solver++(2M) (k-diffusion `sample_dpmpp_2m`). "DPM++ 2M" in A1111.
public struct DPMPP2MSampler: Sampler {
    public init() {}

    public func sample(_ start: [Float], sigmas: [Float], context: SamplerContext) async throws -> [Float] {
        var x = start
        var previous: [Float]?
        for i in 0..<(sigmas.count - 1) {
            let sigma = Double(sigmas[i]), next = Double(sigmas[i + 1])
            let denoised = try await context.denoise(x, sigma: sigma)
            try await context.report(index: i, sigma: sigma, x: x, denoised: denoised)
            let t = LatentMath.time(sigma), tNext = LatentMath.time(next)
            let h = tNext - t
            let ratio = LatentMath.sigma(tNext) / sigma
            if let previous, next != 0 {
                let r = (t - LatentMath.time(Double(sigmas[i - 1]))) / h
                let corrected = LatentMath.combine((1 + 1 / (2 * r), denoised), (-1 / (2 * r), previous))
                x = LatentMath.combine((ratio, x), (-expm1(-h), corrected))
            } else {
                x = LatentMath.combine((ratio, x), (-expm1(-h), denoised))
            }
            previous = denoised
        }
        return x
    }
}
