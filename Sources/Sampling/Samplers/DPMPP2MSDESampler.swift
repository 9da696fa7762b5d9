import Foundation

/// DPM-Solver++(2M) SDE (k-diffusion `sample_dpmpp_2m_sde`), midpoint or Heun correction.
/// "DPM++ 2M SDE" (midpoint) and "DPM++ 2M SDE Heun" in A1111.
public struct DPMPP2MSDESampler: Sampler {
    public enum SolverType: String, Sendable { case midpoint, heun }

    public var options: AncestralOptions
    public var solverType: SolverType
    public init(options: AncestralOptions = AncestralOptions(), solverType: SolverType = .midpoint) {
        self.options = options
        self.solverType = solverType
    }

    public func sample(_ start: [Float], sigmas: [Float], context: SamplerContext) async throws -> [Float] {
        var x = start
        var previous: [Float]?
        var lastH = 0.0
        for i in 0..<(sigmas.count - 1) {
            let sigma = Double(sigmas[i]), next = Double(sigmas[i + 1])
            let denoised = try await context.denoise(x, sigma: sigma)
            try await context.report(index: i, sigma: sigma, x: x, denoised: denoised)
            guard next != 0 else {
                x = denoised
                previous = denoised
                continue
            }
            let h = LatentMath.time(next) - LatentMath.time(sigma)
            let etaH = options.eta * h
            let decay = -expm1(-h - etaH)
            var terms: [(Double, [Float])] = [(next / sigma * exp(-etaH), x), (decay, denoised)]
            if let previous {
                let r = lastH / h
                let weight = switch solverType {
                case .heun: (decay / (-h - etaH) + 1) / r
                case .midpoint: 0.5 * decay / r
                }
                terms += [(weight, denoised), (-weight, previous)]
            }
            if options.eta != 0 {
                let noise = try await context.noise(from: sigma, to: next, count: x.count)
                terms.append((next * (-expm1(-2 * etaH)).squareRoot() * options.noiseScale, noise))
            }
            x = LatentMath.combine(terms)
            previous = denoised
            lastH = h
        }
        return x
    }
}
