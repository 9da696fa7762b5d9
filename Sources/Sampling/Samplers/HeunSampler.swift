/// Heun's second-order method (Karras et al. 2022, Algorithm 2) with optional churn; the step
/// to σ = 0 is plain Euler. "Heun" in A1111.
public struct HeunSampler: Sampler {
    public var options: ChurnOptions
    public init(options: ChurnOptions = ChurnOptions()) { self.options = options }

    public func sample(_ start: [Float], sigmas: [Float], context: SamplerContext) async throws -> [Float] {
        var x = start
        for i in 0..<(sigmas.count - 1) {
            let next = Double(sigmas[i + 1])
            let (churned, sigmaHat, d) = try await options.churnedDerivative(x, sigmas: sigmas, index: i, context: context)
            x = churned
            let dt = next - sigmaHat
            let euler = LatentMath.combine((1, x), (dt, d))
            if next == 0 {
                x = euler
            } else {
                let denoised2 = try await context.denoise(euler, sigma: next)
                let d2 = LatentMath.toDerivative(euler, sigma: next, denoised: denoised2)
                x = LatentMath.combine((1, x), (dt / 2, d), (dt / 2, d2))
            }
        }
        return x
    }
}
