/// DDIM as A1111 runs it (`sd_samplers_timesteps_impl.ddim`): walks the given timesteps from
/// the last down to the second (ending at timestep 1 for txt2img), with η-scaled fresh noise
/// drawn on every step. `cfgPlusPlus` gives "DDIM CFG++": the CFG scale is divided by 12.5
/// and the direction term uses the unconditional ε.
public struct DDIMSampler: TimestepSampler {
    public var eta: Double
    public var cfgPlusPlus: Bool

    public init(eta: Double = 0, cfgPlusPlus: Bool = false) {
        self.eta = eta
        self.cfgPlusPlus = cfgPlusPlus
    }

    public func sample(_ start: [Float], timesteps: [Int], schedule: DiscreteSchedule, context: SamplerContext) async throws -> [Float] {
        let prediction = TimestepNoisePrediction(schedule: schedule, context: context)
        let alphas = timesteps.map { Double(schedule.alphasCumprod[$0]) }
        let previousAlphas = ([0] + timesteps.dropLast()).map { Double(schedule.alphasCumprod[$0]) }
        var x = start
        for i in 0..<(timesteps.count - 1) {
            let index = timesteps.count - 1 - i
            let t = Double(timesteps[index])
            let eps: [Float], direction: [Float]
            if cfgPlusPlus {
                (eps, direction) = try await prediction.guided(x, timestep: t, guidanceScaleMultiplier: 1 / 12.5)
            } else {
                eps = try await prediction.eps(x, timestep: t)
                direction = eps
            }
            let a = alphas[index], aPrevious = previousAlphas[index]
            let noiseSigma = eta * ((1 - aPrevious) / (1 - a) * (1 - a / aPrevious)).squareRoot()
            let predicted = LatentMath.combine((1 / a.squareRoot(), x), (-(1 - a).squareRoot() / a.squareRoot(), eps))
            try await context.report(index: i, sigma: prediction.sigma(atTimestep: t), x: x, denoised: predicted)
            let noise = try await context.noise(
                from: prediction.sigma(atTimestep: t), to: prediction.sigma(atTimestep: Double(timesteps[index - 1])), count: x.count)
            x = LatentMath.combine(
                (aPrevious.squareRoot(), predicted), ((1 - aPrevious - noiseSigma * noiseSigma).squareRoot(), direction), (noiseSigma, noise))
        }
        return x
    }
}
