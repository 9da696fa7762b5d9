/// A1111's Restart sampler (Xu et al. 2023, "Restart Sampling for Improving Generative
/// Processes"): Heun steps; with 20+ steps the main schedule is rebuilt as Karras with fewer
/// steps and, after reaching σ ≈ 0.1, noise is added back up to σ ≈ 2 and that stretch is
/// re-run (once; twice from 36 steps).
public struct RestartSampler: Sampler {
    public var noiseScale: Double
    public init(noiseScale: Double = 1) { self.noiseScale = noiseScale }

    public func sample(_ start: [Float], sigmas: [Float], context: SamplerContext) async throws -> [Float] {
        var x = start
        var lastSigma: Double?
        for (index, (old, new)) in Self.stepPairs(sigmas).enumerated() {
            if let last = lastSigma, last < old {
                let noise = try await context.noise(from: old, to: new, count: x.count)
                x = LatentMath.combine((1, x), (noiseScale * (old * old - last * last).squareRoot(), noise))
            }
            let denoised = try await context.denoise(x, sigma: old)
            let d = LatentMath.toDerivative(x, sigma: old, denoised: denoised)
            try await context.report(index: index, sigma: old, x: x, denoised: denoised)
            let euler = LatentMath.combine((1, x), (new - old, d))
            if new == 0 {
                x = euler
            } else {
                let denoised2 = try await context.denoise(euler, sigma: new)
                let d2 = LatentMath.toDerivative(euler, sigma: new, denoised: denoised2)
                x = LatentMath.combine((1, x), ((new - old) / 2, d), ((new - old) / 2, d2))
            }
            lastSigma = new
        }
        return x
    }

    /// The (σ, σ') pairs to integrate, restart segments included.
    static func stepPairs(_ input: [Float]) -> [(Double, Double)] {
        var sigmas = input.map(Double.init)
        let steps = sigmas.count - 1
        var restart: (index: Int, steps: Int, times: Int, maxSigma: Double)?
        if steps >= 20 {
            let restartSteps = steps >= 36 ? steps / 4 : 9
            let restartTimes = steps >= 36 ? 2 : 1
            sigmas = Scheduler.karrasSigmas(count: steps - restartSteps * restartTimes, sigmaMin: sigmas[steps - 1], sigmaMax: sigmas[0])
                .map(Double.init)
            restart = (nearestIndex(sigmas, 0.1), restartSteps + 1, restartTimes, 2)
        }
        var pairs: [(Double, Double)] = []
        for i in 0..<(sigmas.count - 1) {
            pairs.append((sigmas[i], sigmas[i + 1]))
            guard let restart, restart.index == i + 1 else { continue }
            let maxIndex = nearestIndex(sigmas, restart.maxSigma)
            guard maxIndex < i + 1 else { continue }
            let segment = Scheduler.karrasSigmas(count: restart.steps, sigmaMin: sigmas[i + 1], sigmaMax: sigmas[maxIndex])
                .dropLast().map(Double.init)
            for _ in 0..<restart.times {
                pairs += zip(segment.dropLast(), segment.dropFirst()).map { ($0, $1) }
            }
        }
        return pairs
    }

    private static func nearestIndex(_ sigmas: [Double], _ value: Double) -> Int {
        sigmas.indices.min { abs(sigmas[$0] - value) < abs(sigmas[$1] - value) } ?? 0
    }
}
