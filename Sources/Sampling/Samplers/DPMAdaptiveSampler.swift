import Foundation

/// DPM-Solver-23 with adaptive step size (k-diffusion `sample_dpm_adaptive`, order 3, PID
/// control). It ignores the step count. "DPM adaptive" in A1111 (η from `eta_ancestral`).
public struct DPMAdaptiveSampler: Sampler {
    public var options: AncestralOptions
    public var range: DPMSolverRange?
    public var relativeTolerance = 0.05
    public var absoluteTolerance = 0.0078
    public var initialStep = 0.05
    public var acceptSafety = 0.81

    public init(options: AncestralOptions = AncestralOptions(), range: DPMSolverRange? = nil) {
        self.options = options
        self.range = range
    }

    public func sample(_ start: [Float], sigmas: [Float], context: SamplerContext) async throws -> [Float] {
        let range = try self.range ?? DPMSolverRange(sigmas: sigmas)
        let tEnd = LatentMath.time(range.sigmaMin)
        var s = LatentMath.time(range.sigmaMax)
        var x = start, xPrevious = start
        var controller = StepSizeController(h: initialStep, order: options.eta != 0 ? 1.5 : 3, acceptSafety: acceptSafety)
        var attempts = 0
        while s < tEnd - 1e-5 {
            var solver = DPMSolverSteps(context: context)
            let t = min(tEnd, s + controller.h)
            let (target, up) = DPMSolverSteps.ancestralTarget(from: s, to: t, end: tEnd, eta: options.eta)
            let eps = try await solver.eps("eps", x, s)
            let sigma = LatentMath.sigma(s)
            let denoised = LatentMath.combine((1, x), (-sigma, eps))
            let lowTerms = try await solver.step2(x, s, target, r1: 1.0 / 3)
            let highTerms = try await solver.step3(x, s, target)
            let low = LatentMath.combine(lowTerms), high = LatentMath.combine(highTerms)
            let difference = LatentMath.combine(lowTerms + highTerms.map { (-$0.0, $0.1) })
            var sum = 0.0
            for i in x.indices {
                let delta = max(absoluteTolerance, relativeTolerance * max(abs(Double(low[i])), abs(Double(xPrevious[i]))))
                let scaled = Double(difference[i]) / delta
                sum += scaled * scaled
            }
            let error = sum.squareRoot() / Double(x.count).squareRoot()
            if controller.proposeStep(error: error) {
                xPrevious = low
                let noise = try await context.noise(from: sigma, to: LatentMath.sigma(t), count: x.count)
                x = LatentMath.combine((1, high), (up * options.noiseScale, noise))
                s = t
            }
            try await context.report(index: attempts, sigma: LatentMath.sigma(s), x: x, denoised: denoised)
            attempts += 1
        }
        return x
    }
}

/// k-diffusion's `PIDStepSizeController` with its defaults (P 0, I 1, D 0).
struct StepSizeController {
    var h: Double
    let b1: Double, b2: Double, b3: Double
    let acceptSafety: Double
    var inverseErrors: [Double] = []

    init(h: Double, order: Double, acceptSafety: Double, p: Double = 0, i: Double = 1, d: Double = 0) {
        self.h = h
        b1 = (p + i + d) / order
        b2 = -(p + 2 * d) / order
        b3 = d / order
        self.acceptSafety = acceptSafety
    }

    mutating func proposeStep(error: Double) -> Bool {
        let inverse = 1 / (error + 1e-8)
        if inverseErrors.isEmpty { inverseErrors = [inverse, inverse, inverse] }
        inverseErrors[0] = inverse
        var factor = pow(inverseErrors[0], b1) * pow(inverseErrors[1], b2) * pow(inverseErrors[2], b3)
        factor = 1 + atan(factor - 1)
        let accept = factor >= acceptSafety
        if accept {
            inverseErrors[2] = inverseErrors[1]
            inverseErrors[1] = inverseErrors[0]
        }
        h *= factor
        return accept
    }
}
