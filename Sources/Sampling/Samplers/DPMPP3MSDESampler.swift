import Foundation

/// DPM-Solver++(3M) SDE (k-diffusion `sample_dpmpp_3m_sde`). "DPM++ 3M SDE" in A1111, which
/// also discards the penultimate sigma for it.
public struct DPMPP3MSDESampler: Sampler {
    public var options: AncestralOptions
    public init(options: AncestralOptions = AncestralOptions()) { self.options = options }

    public func sample(_ start: [Float], sigmas: [Float], context: SamplerContext) async throws -> [Float] {
        var x = start
        var history: [(denoised: [Float], h: Double)] = []  // newest first, at most two
        for i in 0..<(sigmas.count - 1) {
            let sigma = Double(sigmas[i]), next = Double(sigmas[i + 1])
            let denoised = try await context.denoise(x, sigma: sigma)
            try await context.report(index: i, sigma: sigma, x: x, denoised: denoised)
            guard next != 0 else {
                x = denoised
                continue
            }
            let h = LatentMath.time(next) - LatentMath.time(sigma)
            let hEta = h * (options.eta + 1)
            var terms: [(Double, [Float])] = [(exp(-hEta), x), (-expm1(-hEta), denoised)]
            let phi2 = expm1(-hEta) / hEta + 1
            if history.count == 2 {
                let r0 = history[0].h / h, r1 = history[1].h / h
                let d1 = history[0].denoised, d2 = history[1].denoised
                // d1_0 = (D − D₁)/r0, d1_1 = (D₁ − D₂)/r1; the step adds φ₂·d1 − φ₃·d2 with
                // d1 = d1_0 + (d1_0 − d1_1)·r0/(r0+r1) and d2 = (d1_0 − d1_1)/(r0+r1).
                let phi3 = phi2 / hEta - 0.5
                let a = phi2 * (1 + r0 / (r0 + r1)) - phi3 / (r0 + r1)  // weight of d1_0
                let b = -phi2 * r0 / (r0 + r1) + phi3 / (r0 + r1)  // weight of d1_1
                terms += [(a / r0, denoised), (-a / r0 + b / r1, d1), (-b / r1, d2)]
            } else if history.count == 1 {
                let r = history[0].h / h
                terms += [(phi2 / r, denoised), (-phi2 / r, history[0].denoised)]
            }
            if options.eta != 0 {
                let noise = try await context.noise(from: sigma, to: next, count: x.count)
                terms.append((next * (-expm1(-2 * h * options.eta)).squareRoot() * options.noiseScale, noise))
            }
            x = LatentMath.combine(terms)
            history.insert((denoised, h), at: 0)
            if history.count > 2 { history.removeLast() }
        }
        return x
    }
}
