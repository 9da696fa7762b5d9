/// Ancestral DPM2 (k-diffusion `sample_dpm_2_ancestral`): a midpoint step to σ_down, then
/// σ_up of fresh noise (only when σ_down > 0). "DPM2 a" in A1111.
public struct DPM2AncestralSampler: Sampler {
    public var options: AncestralOptions
    public init(options: AncestralOptions = AncestralOptions()) { self.options = options }

    public func sample(_ start: [Float], sigmas: [Float], context: SamplerContext) async throws -> [Float] {
        var x = start
        for i in 0..<(sigmas.count - 1) {
            let sigma = Double(sigmas[i]), next = Double(sigmas[i + 1])
            let denoised = try await context.denoise(x, sigma: sigma)
            let (down, up) = LatentMath.ancestralStep(from: sigma, to: next, eta: options.eta)
            try await context.report(index: i, sigma: sigma, x: x, denoised: denoised)
            let d = LatentMath.toDerivative(x, sigma: sigma, denoised: denoised)
            if down == 0 {
                x = LatentMath.combine((1, x), (down - sigma, d))
            } else {
                x = try await DPM2Sampler.midpointStep(x, d: d, from: sigma, to: down, context: context)
                let noise = try await context.noise(from: sigma, to: next, count: x.count)
                x = LatentMath.combine((1, x), (options.noiseScale * up, noise))
            }
        }
        return x
    }
}
