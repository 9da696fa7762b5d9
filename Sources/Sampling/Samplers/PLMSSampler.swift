/// Pseudo linear multistep (A1111 `sd_samplers_timesteps_impl.plms`): a pseudo improved-Euler
/// first step, then Adams–Bashforth ε combinations of order 2–4 plugged into the DDIM update.
public struct PLMSSampler: TimestepSampler {
    public init() {}

    public func sample(_ start: [Float], timesteps: [Int], schedule: DiscreteSchedule, context: SamplerContext) async throws -> [Float] {
        let prediction = TimestepNoisePrediction(schedule: schedule, context: context)
        let alphas = timesteps.map { Double(schedule.alphasCumprod[$0]) }
        let previousAlphas = ([0] + timesteps.dropLast()).map { Double(schedule.alphasCumprod[$0]) }
        var x = start
        var history: [[Float]] = []

        func step(_ x: [Float], _ eps: [Float], _ index: Int) -> (next: [Float], predicted: [Float]) {
            let a = alphas[index], aPrevious = previousAlphas[index]
            let predicted = LatentMath.combine((1 / a.squareRoot(), x), (-(1 - a).squareRoot() / a.squareRoot(), eps))
            return (LatentMath.combine((aPrevious.squareRoot(), predicted), ((1 - aPrevious).squareRoot(), eps)), predicted)
        }

        for i in 0..<(timesteps.count - 1) {
            let index = timesteps.count - 1 - i
            let eps = try await prediction.eps(x, timestep: Double(timesteps[index]))
            let combined: [Float]
            switch history.count {
            case 0:
                let (trial, _) = step(x, eps, index)
                let epsNext = try await prediction.eps(trial, timestep: Double(timesteps[max(index - 1, 0)]))
                combined = LatentMath.combine((0.5, eps), (0.5, epsNext))
            case 1:
                combined = LatentMath.combine((1.5, eps), (-0.5, history[0]))
            case 2:
                combined = LatentMath.combine((23.0 / 12, eps), (-16.0 / 12, history[1]), (5.0 / 12, history[0]))
            default:
                combined = LatentMath.combine(
                    (55.0 / 24, eps), (-59.0 / 24, history[2]), (37.0 / 24, history[1]), (-9.0 / 24, history[0]))
            }
            let (next, predicted) = step(x, combined, index)
            history.append(eps)
            if history.count >= 4 { history.removeFirst() }
            try await context.report(index: i, sigma: prediction.sigma(atTimestep: Double(timesteps[index])), x: x, denoised: predicted)
            x = next
        }
        return x
    }
}
