/// DPM-Solver-Fast (k-diffusion `sample_dpm_fast`): fixed steps of order 3 in t = −ln σ
/// between σ_max and σ_min (it stops at σ_min, not 0). "DPM fast" in A1111 (η from
/// `eta_ancestral`, 1 by default).
public struct DPMFastSampler: Sampler {
    public var options: AncestralOptions
    /// When nil, the range is taken from the sigmas (A1111's img2img convention).
    public var range: DPMSolverRange?

    public init(options: AncestralOptions = AncestralOptions(), range: DPMSolverRange? = nil) {
        self.options = options
        self.range = range
    }

    public func sample(_ start: [Float], sigmas: [Float], context: SamplerContext) async throws -> [Float] {
        let range = try self.range ?? DPMSolverRange(sigmas: sigmas)
        let nfe = range.evaluations
        let tStart = LatentMath.time(range.sigmaMax), tEnd = LatentMath.time(range.sigmaMin)
        let m = nfe / 3 + 1
        let times = Scheduler.linspace(tStart, tEnd, m + 1)
        let orders = nfe % 3 == 0 ? Array(repeating: 3, count: m - 2) + [2, 1] : Array(repeating: 3, count: m - 1) + [nfe % 3]
        var x = start
        for (i, order) in orders.enumerated() {
            var solver = DPMSolverSteps(context: context)
            let t = times[i], tNext = times[i + 1]
            let (target, up) = DPMSolverSteps.ancestralTarget(from: t, to: tNext, end: tEnd, eta: options.eta)
            let eps = try await solver.eps("eps", x, t)
            let sigma = LatentMath.sigma(t)
            try await context.report(index: i, sigma: sigma, x: x, denoised: LatentMath.combine((1, x), (-sigma, eps)))
            switch order {
            case 1: x = LatentMath.combine(try await solver.step1(x, t, target))
            case 2: x = LatentMath.combine(try await solver.step2(x, t, target))
            default: x = LatentMath.combine(try await solver.step3(x, t, target))
            }
            let noise = try await context.noise(from: sigma, to: LatentMath.sigma(tNext), count: x.count)
            x = LatentMath.combine((1, x), (up * options.noiseScale, noise))
        }
        return x
    }
}
