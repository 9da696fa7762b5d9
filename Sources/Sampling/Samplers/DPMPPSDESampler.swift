import Foundation

/// DPM-Solver++ (stochastic), k-diffusion `sample_dpmpp_sde` with r = ½: two ancestral
/// half-steps per step, noise from the (Brownian) noise sampler. "DPM++ SDE" in A1111.
public struct DPMPPSDESampler: Sampler {
    public var options: AncestralOptions
    public var r: Double
    public init(options: AncestralOptions = AncestralOptions(), r: Double = 0.5) {
        self.options = options
        self.r = r
    }

    public func sample(_ start: [Float], sigmas: [Float], context: SamplerContext) async throws -> [Float] {
        var x = start
        for i in 0..<(sigmas.count - 1) {
            let sigma = Double(sigmas[i]), next = Double(sigmas[i + 1])
            let denoised = try await context.denoise(x, sigma: sigma)
            try await context.report(index: i, sigma: sigma, x: x, denoised: denoised)
            if next == 0 {
                let d = LatentMath.toDerivative(x, sigma: sigma, denoised: denoised)
                x = LatentMath.combine((1, x), (next - sigma, d))
                continue
            }
            let t = LatentMath.time(sigma), tNext = LatentMath.time(next)
            let h = tNext - t
            let s = t + h * r
            let fac = 1 / (2 * r)
            let sigmaS = LatentMath.sigma(s)

            let (down1, up1) = LatentMath.ancestralStep(from: sigma, to: sigmaS, eta: options.eta)
            let s1 = LatentMath.time(down1)
            var x2 = LatentMath.combine((LatentMath.sigma(s1) / sigma, x), (-expm1(t - s1), denoised))
            let noise1 = try await context.noise(from: sigma, to: sigmaS, count: x.count)
            x2 = LatentMath.combine((1, x2), (options.noiseScale * up1, noise1))
            let denoised2 = try await context.denoise(x2, sigma: sigmaS)

            let (down2, up2) = LatentMath.ancestralStep(from: sigma, to: next, eta: options.eta)
            let t2 = LatentMath.time(down2)
            let blended = LatentMath.combine((1 - fac, denoised), (fac, denoised2))
            x = LatentMath.combine((LatentMath.sigma(t2) / sigma, x), (-expm1(t - t2), blended))
            let noise2 = try await context.noise(from: sigma, to: next, count: x.count)
            x = LatentMath.combine((1, x), (options.noiseScale * up2, noise2))
        }
        return x
    }
}
