/// Ancestral Euler: step down to σ_down, then add σ_up of fresh noise. "Euler a" in A1111.
public struct EulerAncestralSampler: Sampler {
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
            x = LatentMath.combine((1, x), (down - sigma, d))
            if next > 0 {
                let noise = try await context.noise(from: sigma, to: next, count: x.count)
                x = LatentMath.combine((1, x), (options.noiseScale * up, noise))
            }
        }
        return x
    }
}
