import Foundation

/// The DPM-Solver-1/2/3 single steps in t = −ln σ that k-diffusion's `DPMSolver` uses for
/// "DPM fast" and "DPM adaptive". ε(x, t) = (x − D(x, σ(t)))/σ(t), cached per step by role.
struct DPMSolverSteps {
    let context: SamplerContext
    var cache: [String: [Float]] = [:]

    init(context: SamplerContext) { self.context = context }

    mutating func eps(_ key: String, _ x: [Float], _ t: Double) async throws -> [Float] {
        if let cached = cache[key] { return cached }
        let sigma = LatentMath.sigma(t)
        let denoised = try await context.denoise(x, sigma: sigma)
        let eps = LatentMath.combine((1 / sigma, x), (-1 / sigma, denoised))
        cache[key] = eps
        return eps
    }

    /// Each step returns its result as terms Σ cᵢ·vᵢ (x first), so that differences of two
    /// steps can be formed in double precision (the adaptive error estimate needs that).
    mutating func step1(_ x: [Float], _ t: Double, _ tNext: Double) async throws -> [(Double, [Float])] {
        let h = tNext - t
        let eps = try await eps("eps", x, t)
        return [(1, x), (-LatentMath.sigma(tNext) * expm1(h), eps)]
    }

    mutating func step2(_ x: [Float], _ t: Double, _ tNext: Double, r1: Double = 0.5) async throws -> [(Double, [Float])] {
        let h = tNext - t
        let eps = try await eps("eps", x, t)
        let s1 = t + r1 * h
        let u1 = LatentMath.combine((1, x), (-LatentMath.sigma(s1) * expm1(r1 * h), eps))
        let epsR1 = try await self.eps("eps_r1", u1, s1)
        let sigmaNext = LatentMath.sigma(tNext)
        let correction = sigmaNext / (2 * r1) * expm1(h)
        return [(1, x), (-sigmaNext * expm1(h) + correction, eps), (-correction, epsR1)]
    }

    mutating func step3(_ x: [Float], _ t: Double, _ tNext: Double, r1: Double = 1.0 / 3, r2: Double = 2.0 / 3) async throws -> [(Double, [Float])] {
        let h = tNext - t
        let eps = try await eps("eps", x, t)
        let s1 = t + r1 * h, s2 = t + r2 * h
        let u1 = LatentMath.combine((1, x), (-LatentMath.sigma(s1) * expm1(r1 * h), eps))
        let epsR1 = try await self.eps("eps_r1", u1, s1)
        let sigmaS2 = LatentMath.sigma(s2)
        let c2 = sigmaS2 * (r2 / r1) * (expm1(r2 * h) / (r2 * h) - 1)
        let u2 = LatentMath.combine((1, x), (-sigmaS2 * expm1(r2 * h) + c2, eps), (-c2, epsR1))
        let epsR2 = try await self.eps("eps_r2", u2, s2)
        let sigmaNext = LatentMath.sigma(tNext)
        let c3 = sigmaNext / r2 * (expm1(h) / h - 1)
        return [(1, x), (-sigmaNext * expm1(h) + c3, eps), (-c3, epsR2)]
    }

    /// The ancestral split in t: the target time and the noise to add (η = 0: none).
    static func ancestralTarget(from t: Double, to tNext: Double, end: Double, eta: Double) -> (target: Double, up: Double) {
        guard eta != 0 else { return (tNext, 0) }
        let sigmaNext = LatentMath.sigma(tNext)
        let (down, _) = LatentMath.ancestralStep(from: LatentMath.sigma(t), to: sigmaNext, eta: eta)
        let target = min(end, LatentMath.time(down))
        let sigmaTarget = LatentMath.sigma(target)
        return (target, (sigmaNext * sigmaNext - sigmaTarget * sigmaTarget).squareRoot())
    }
}

/// The σ range and evaluation budget of the DPM-Solver samplers. A1111 passes the model's
/// σ_min/σ_max and `steps` for txt2img, and the truncated schedule's range for img2img.
public struct DPMSolverRange: Sendable, Equatable {
    public var sigmaMin: Double
    public var sigmaMax: Double
    public var evaluations: Int

    public init(sigmaMin: Double, sigmaMax: Double, evaluations: Int) {
        self.sigmaMin = sigmaMin
        self.sigmaMax = sigmaMax
        self.evaluations = evaluations
    }

    /// A1111's img2img convention: σ_max = first, σ_min = last non-zero, one evaluation per level.
    init(sigmas: [Float]) throws {
        guard sigmas.count >= 2 else { throw SamplingError.scheduleTooShort(sampler: "DPM fast/adaptive", sigmaCount: sigmas.count) }
        self.init(sigmaMin: Double(sigmas[sigmas.count - 2]), sigmaMax: Double(sigmas[0]), evaluations: sigmas.count - 1)
    }
}
