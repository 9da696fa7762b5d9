/// Linear multistep (k-diffusion `sample_lms`, order 4): the new derivative is combined with
/// up to three previous ones, weighted by integrals of their Lagrange basis polynomials.
public struct LMSSampler: Sampler {
    public var order: Int
    public init(order: Int = 4) { self.order = order }

    public func sample(_ start: [Float], sigmas: [Float], context: SamplerContext) async throws -> [Float] {
        var x = start
        let levels = sigmas.map(Double.init)
        var derivatives: [[Float]] = []
        for i in 0..<(sigmas.count - 1) {
            let denoised = try await context.denoise(x, sigma: levels[i])
            derivatives.append(LatentMath.toDerivative(x, sigma: levels[i], denoised: denoised))
            if derivatives.count > order { derivatives.removeFirst() }
            try await context.report(index: i, sigma: levels[i], x: x, denoised: denoised)
            let currentOrder = min(i + 1, order)
            var terms: [(Double, [Float])] = [(1, x)]
            for (j, d) in derivatives.reversed().enumerated() {
                terms.append((Self.coefficient(order: currentOrder, levels: levels, step: i, term: j), d))
            }
            x = LatentMath.combine(terms)
        }
        return x
    }

    /// ∫_{σᵢ}^{σᵢ₊₁} ∏_{k≠j} (τ − σ_{i−k}) / (σ_{i−j} − σ_{i−k}) dτ, exactly (the integrand is
    /// a polynomial of degree < 4, so 4-point Gauss–Legendre is exact).
    static func coefficient(order: Int, levels: [Double], step i: Int, term j: Int) -> Double {
        let nodes = [-0.861136311594052575, -0.339981043584856265, 0.339981043584856265, 0.861136311594052575]
        let weights = [0.347854845137453857, 0.652145154862546143, 0.652145154862546143, 0.347854845137453857]
        let a = levels[i], b = levels[i + 1]
        var integral = 0.0
        for (node, weight) in zip(nodes, weights) {
            let tau = (a + b) / 2 + (b - a) / 2 * node
            var product = 1.0
            for k in 0..<order where k != j {
                product *= (tau - levels[i - k]) / (levels[i - j] - levels[i - k])
            }
            integral += weight * product
        }
        return integral * (b - a) / 2
    }
}
