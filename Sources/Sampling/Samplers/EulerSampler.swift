/// Euler steps (Karras et al. 2022, Algorithm 2) with optional churn. "Euler" in A1111.
public struct EulerSampler: Sampler {
    public var options: ChurnOptions
    public init(options: ChurnOptions = ChurnOptions()) { self.options = options }

    public func sample(_ start: [Float], sigmas: [Float], context: SamplerContext) async throws -> [Float] {
        var x = start
        for i in 0..<(sigmas.count - 1) {
            let next = Double(sigmas[i + 1])
            let (churned, sigmaHat, d) = try await options.churnedDerivative(x, sigmas: sigmas, index: i, context: context)
            x = LatentMath.combine((1, churned), (next - sigmaHat, d))
        }
        return x
    }
}
