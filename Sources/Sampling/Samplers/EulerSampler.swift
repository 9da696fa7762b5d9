/// Euler steps (Karras et al. 2022, Algorithm 2) with optional churn. "Euler" in A1111.
public struct EulerSampler: Sampler {
    public var options: ChurnOptions
    public init(options: ChurnOptions = ChurnOptions()) { self.options = options }

    public func sample(_ start: [Float], sigmas: [Float], context: SamplerContext) async throws -> [Float] {
        var x = start
        let steps = sigmas.count - 1
        for i in 0..<steps {
            let sigma = Double(sigmas[i]), next = Double(sigmas[i + 1])
            let sigmaHat: Double
            (x, sigmaHat) = try await options.churn(x, sigma: sigma, sigmaNext: next, stepCount: steps, context: context)
            let denoised = try await context.denoise(x, sigma: sigmaHat)
            let d = LatentMath.toDerivative(x, sigma: sigmaHat, denoised: denoised)
            try await context.report(index: i, sigma: sigma, x: x, denoised: denoised)
            x = LatentMath.combine((1, x), (next - sigmaHat, d))
        }
        return x
    }
}
