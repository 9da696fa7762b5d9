/// Latent Consistency Model sampling (A1111 `sample_lcm`): jump to the denoised estimate,
/// then re-noise to the next level with fresh noise. Pair with the `latentConsistency`
/// parameterisation and the `LCMSchedule`.
public struct LCMSampler: Sampler {
    public init() {}

    public func sample(_ start: [Float], sigmas: [Float], context: SamplerContext) async throws -> [Float] {
        var x = start
        for i in 0..<(sigmas.count - 1) {
            let sigma = Double(sigmas[i]), next = Double(sigmas[i + 1])
            let denoised = try await context.denoise(x, sigma: sigma)
            try await context.report(index: i, sigma: sigma, x: x, denoised: denoised)
            x = denoised
            if next > 0 {
                let noise = try await context.noise(from: sigma, to: next, count: x.count)
                x = LatentMath.combine((1, x), (next, noise))
            }
        }
        return x
    }
}
