import Foundation

extension Scheduler {
    /// The noise levels for `steps` steps, highest first, as A1111's `sd_schedulers` computes
    /// them from the model's sigma table (usually ending in 0). `automatic` is resolved by the
    /// caller (the sampler's default scheduler, else `uniform`); here it means `uniform`.
    public func sigmas(steps: Int, table: any SigmaTable, settings: SchedulerSettings = SchedulerSettings()) throws -> [Float] {
        guard steps >= 1 else { throw SamplingError.invalidSteps(steps) }
        let sigmaMin = settings.sigmaMin != 0 ? settings.sigmaMin : Double(table.sigmaMin)
        let sigmaMax = settings.sigmaMax != 0 ? settings.sigmaMax : Double(table.sigmaMax)
        let rho = settings.rho != 0 ? settings.rho : defaultRho
        let n = steps
        switch self {
        case .automatic, .uniform:
            let start = table.timestep(forSigma: table.sigmaMax), end = table.timestep(forSigma: table.sigmaMin)
            return Self.timestepSigmas(from: start, to: end, count: n, table: table) + [0]
        case .karras:
            return Self.karrasSigmas(count: n, sigmaMin: sigmaMin, sigmaMax: sigmaMax, rho: rho)
        case .exponential:
            return Self.linspace(log(sigmaMax), log(sigmaMin), n).map { Float(exp($0)) } + [0]
        case .polyexponential:
            return Self.linspace(1, 0, n).map {
                Float(exp(pow($0, rho) * (log(sigmaMax) - log(sigmaMin)) + log(sigmaMin)))
            } + [0]
        case .sgmUniform, .normal:
            let start = table.timestep(forSigma: Float(sigmaMax)), end = table.timestep(forSigma: Float(sigmaMin))
            let levels = self == .sgmUniform
                ? Array(Self.timestepSigmas(from: start, to: end, count: n + 1, table: table).dropLast())
                : Self.timestepSigmas(from: start, to: end, count: n, table: table)
            return levels + [0]
        case .klOptimal:
            // A1111 (unlike ComfyUI) spans n + 1 points from σ_max to σ_min with no final 0.
            let atanMin = atan(Float(sigmaMin)), atanMax = atan(Float(sigmaMax))
            return (0...n).map { k in
                let fraction = Float(k) / Float(n)
                return tan(fraction * atanMin + (1 - fraction) * atanMax)
            }
        case .alignYourSteps:
            return AlignYourSteps.sigmas(steps: n, family: settings.alignYourStepsFamily).map(Float.init)
        case .simple:
            let stride = Double(table.sigmas.count) / Double(n)
            return (0..<n).map { table.sigmas[table.sigmas.count - 1 - Int(Double($0) * stride)] } + [0]
        case .ddim:
            let stride = max(table.sigmas.count / n, 1)
            return Array(Swift.stride(from: 1, to: table.sigmas.count, by: stride).map { table.sigmas[$0] }.reversed()) + [0]
        case .beta:
            guard settings.betaAlpha > 0, settings.betaBeta > 0 else {
                throw SamplingError.invalidBetaParameters(alpha: settings.betaAlpha, beta: settings.betaBeta)
            }
            let distribution = BetaDistribution(alpha: settings.betaAlpha, beta: settings.betaBeta)
            return Self.linspace(0, 1, n).map {
                Float(sigmaMin + distribution.quantile(1 - $0) * (sigmaMax - sigmaMin))
            } + [0]
        case .linearQuadratic:
            return Self.linearQuadratic(steps: n).map { Float((1 - $0) * Double(table.sigmaMax)) }
        }
    }

    /// σ at `count` evenly spaced (float32) timesteps from `start` to `end`.
    private static func timestepSigmas(from start: Float, to end: Float, count: Int, table: any SigmaTable) -> [Float] {
        linspace(Double(start), Double(end), count).map { table.sigma(atTimestep: Float($0)) }
    }

    /// `torch.linspace`: the first half counts up from `start`, the second half down from
    /// `end`, so both ends are exact.
    static func linspace(_ start: Double, _ end: Double, _ count: Int) -> [Double] {
        guard count > 1 else { return count == 1 ? [start] : [] }
        let step = (end - start) / Double(count - 1)
        return (0..<count).map { i in i < count / 2 ? start + step * Double(i) : end - step * Double(count - 1 - i) }
    }

    /// Karras et al.'s schedule: ρ-th-root-spaced levels from σ_max to σ_min, then 0.
    static func karrasSigmas(count: Int, sigmaMin: Double, sigmaMax: Double, rho: Double = 7) -> [Float] {
        let minInv = pow(sigmaMin, 1 / rho), maxInv = pow(sigmaMax, 1 / rho)
        return linspace(0, 1, count).map { Float(pow(maxInv + $0 * (minInv - maxInv), rho)) } + [0]
    }

    /// ComfyUI's `linear_quadratic_schedule` (threshold 0.025, half the steps linear) as
    /// fractions of σ_max removed; ends at 1 (σ = 0).
    private static func linearQuadratic(steps: Int) -> [Double] {
        guard steps > 1 else { return [0, 1] }
        let threshold = 0.025
        let linearSteps = steps / 2
        let quadraticSteps = Double(steps - linearSteps)
        let stepDifference = Double(linearSteps) - threshold * Double(steps)
        let quadraticCoefficient = stepDifference / (Double(linearSteps) * quadraticSteps * quadraticSteps)
        let linearCoefficient = threshold / Double(linearSteps) - 2 * stepDifference / (quadraticSteps * quadraticSteps)
        let constant = quadraticCoefficient * Double(linearSteps * linearSteps)
        let linear = (0..<linearSteps).map { Double($0) * threshold / Double(linearSteps) }
        let quadratic = (linearSteps..<steps).map { i -> Double in
            let i = Double(i)
            return quadraticCoefficient * i * i + linearCoefficient * i + constant
        }
        return linear + quadratic + [1]
    }
}
