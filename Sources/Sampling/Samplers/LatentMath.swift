import Foundation

/// The shared element-wise math of the samplers. Coefficients are Double and each element is
/// evaluated in Double, then stored as Float, which keeps the float32 latents close to a
/// double-precision reference.
enum LatentMath {
    /// Σ cᵢ·vᵢ over equally long vectors.
    static func combine(_ terms: (Double, [Float])...) -> [Float] {
        combine(terms)
    }

    static func combine(_ terms: [(Double, [Float])]) -> [Float] {
        guard let count = terms.first?.1.count else { return [] }
        var result = [Float](repeating: 0, count: count)
        for i in 0..<count {
            var sum = 0.0
            for (coefficient, vector) in terms { sum += coefficient * Double(vector[i]) }
            result[i] = Float(sum)
        }
        return result
    }

    /// k-diffusion's `to_d`: the Karras ODE derivative (x − D)/σ.
    static func toDerivative(_ x: [Float], sigma: Double, denoised: [Float]) -> [Float] {
        combine((1 / sigma, x), (-1 / sigma, denoised))
    }

    /// k-diffusion's `get_ancestral_step`: the level to step down to and the noise to add.
    static func ancestralStep(from sigma: Double, to sigmaNext: Double, eta: Double) -> (down: Double, up: Double) {
        guard eta != 0 else { return (sigmaNext, 0) }
        let up = min(sigmaNext, eta * (sigmaNext * sigmaNext * (sigma * sigma - sigmaNext * sigmaNext) / (sigma * sigma)).squareRoot())
        return ((sigmaNext * sigmaNext - up * up).squareRoot(), up)
    }

    /// Half-log-SNR time t = −ln σ and back.
    static func time(_ sigma: Double) -> Double { -Foundation.log(sigma) }
    static func sigma(_ time: Double) -> Double { Foundation.exp(-time) }
}

/// Karras et al.'s "churn" options shared by Euler, Heun and DPM2 (A1111 passes them from its
/// settings `s_churn`, `s_tmin`, `s_tmax`, `s_noise`).
public struct ChurnOptions: Sendable, Equatable {
    public var churn: Double
    public var tMin: Double
    public var tMax: Double
    public var noiseScale: Double

    public init(churn: Double = 0, tMin: Double = 0, tMax: Double = .infinity, noiseScale: Double = 1) {
        self.churn = churn
        self.tMin = tMin
        self.tMax = tMax
        self.noiseScale = noiseScale
    }

    /// Raises σᵢ to σ̂ = σᵢ(1+γ) by adding fresh noise; the noise is drawn on every step, as
    /// in k-diffusion, so the generator stream advances even when γ = 0.
    func churn(_ x: [Float], sigma: Double, sigmaNext: Double, stepCount: Int, context: SamplerContext) async throws -> (x: [Float], sigmaHat: Double) {
        let gamma = (tMin <= sigma && sigma <= tMax) ? min(churn / Double(stepCount), 2.0.squareRoot() - 1) : 0
        let eps = try await context.noise(from: sigma, to: sigmaNext, count: x.count)
        let sigmaHat = sigma * (gamma + 1)
        guard gamma > 0 else { return (x, sigmaHat) }
        return (LatentMath.combine((1, x), (noiseScale * (sigmaHat * sigmaHat - sigma * sigma).squareRoot(), eps)), sigmaHat)
    }

    /// The first half of every churned step (Euler, Heun, DPM2): churn step `index` from σᵢ to
    /// σ̂, evaluate the model there, report it, and return the derivative d = (x − D)/σ̂.
    func churnedDerivative(
        _ x: [Float], sigmas: [Float], index: Int, context: SamplerContext
    ) async throws -> (x: [Float], sigmaHat: Double, derivative: [Float]) {
        let sigma = Double(sigmas[index])
        let (churned, sigmaHat) = try await churn(
            x, sigma: sigma, sigmaNext: Double(sigmas[index + 1]), stepCount: sigmas.count - 1, context: context)
        let denoised = try await context.denoise(churned, sigma: sigmaHat)
        let d = LatentMath.toDerivative(churned, sigma: sigmaHat, denoised: denoised)
        try await context.report(index: index, sigma: sigma, x: churned, denoised: denoised)
        return (churned, sigmaHat, d)
    }
}

/// η and the noise scale of ancestral and SDE samplers.
public struct AncestralOptions: Sendable, Equatable {
    public var eta: Double
    public var noiseScale: Double

    public init(eta: Double = 1, noiseScale: Double = 1) {
        self.eta = eta
        self.noiseScale = noiseScale
    }
}
