import Foundation

/// DPM-Solver-2-inspired midpoint steps (k-diffusion `sample_dpm_2`) with optional churn.
/// "DPM2" in A1111, which also discards the penultimate sigma for it.
public struct DPM2Sampler: Sampler {
    public var options: ChurnOptions
    public init(options: ChurnOptions = ChurnOptions()) { self.options = options }

    public func sample(_ start: [Float], sigmas: [Float], context: SamplerContext) async throws -> [Float] {
        var x = start
        for i in 0..<(sigmas.count - 1) {
            let next = Double(sigmas[i + 1])
            let (churned, sigmaHat, d) = try await options.churnedDerivative(x, sigmas: sigmas, index: i, context: context)
            x = churned
            if next == 0 {
                x = LatentMath.combine((1, x), (next - sigmaHat, d))
            } else {
                x = try await DPM2Sampler.midpointStep(x, d: d, from: sigmaHat, to: next, context: context)
            }
        }
        return x
    }

    /// Evaluates the derivative at the log-midpoint of [σ, σ'] and steps the full interval with it.
    static func midpointStep(_ x: [Float], d: [Float], from sigma: Double, to target: Double, context: SamplerContext) async throws -> [Float] {
        let sigmaMid = exp((log(sigma) + log(target)) / 2)
        let x2 = LatentMath.combine((1, x), (sigmaMid - sigma, d))
        let denoised2 = try await context.denoise(x2, sigma: sigmaMid)
        let d2 = LatentMath.toDerivative(x2, sigma: sigmaMid, denoised: denoised2)
        return LatentMath.combine((1, x), (target - sigma, d2))
    }
}
