import Foundation

/// DPM-Solver++(2S) with ancestral noise (k-diffusion `sample_dpmpp_2s_ancestral`).
/// "DPM++ 2S a" in A1111.
public struct DPMPP2SAncestralSampler: Sampler {
    public var options: AncestralOptions
    public init(options: AncestralOptions = AncestralOptions()) { self.options = options }

    public func sample(_ start: [Float], sigmas: [Float], context: SamplerContext) async throws -> [Float] {
        var x = start
        for i in 0..<(sigmas.count - 1) {
            let sigma = Double(sigmas[i]), next = Double(sigmas[i + 1])
            let denoised = try await context.denoise(x, sigma: sigma)
            let (down, up) = LatentMath.ancestralStep(from: sigma, to: next, eta: options.eta)
            try await context.report(index: i, sigma: sigma, x: x, denoised: denoised)
            if down == 0 {
                let d = LatentMath.toDerivative(x, sigma: sigma, denoised: denoised)
                x = LatentMath.combine((1, x), (down - sigma, d))
            } else {
                let t = LatentMath.time(sigma), tNext = LatentMath.time(down)
                let h = tNext - t
                let s = t + h / 2
                let sigmaS = LatentMath.sigma(s)
                let x2 = LatentMath.combine((sigmaS / sigma, x), (-expm1(-h / 2), denoised))
                let denoised2 = try await context.denoise(x2, sigma: sigmaS)
                x = LatentMath.combine((LatentMath.sigma(tNext) / sigma, x), (-expm1(-h), denoised2))
            }
            if next > 0 {
                let noise = try await context.noise(from: sigma, to: next, count: x.count)
                x = LatentMath.combine((1, x), (options.noiseScale * up, noise))
            }
        }
        return x
    }
}
