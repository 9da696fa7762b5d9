import Foundation

/// UniPC (Zhao et al. 2023) as A1111 runs it: multistep, data prediction, B(h) variant bh1 or
/// bh2, order 3 with lower orders for the first and the final steps, time-uniform steps on the
/// discrete VP schedule from t = 1 (or the img2img start) to 1/1000, corrector on every step
/// but the last. The model is called at timestep (t − 1/1000)·1000, which may be fractional.
public struct UniPCSampler: TimestepSampler {
    public enum Variant: String, Sendable { case bh1, bh2 }

    public var variant: Variant
    public var order: Int
    public var lowerOrderFinal: Bool
    /// img2img: start at the last given timestep instead of t = 1.
    public var startsFromLastTimestep: Bool

    public init(variant: Variant = .bh1, order: Int = 3, lowerOrderFinal: Bool = true, startsFromLastTimestep: Bool = false) {
        self.variant = variant
        self.order = order
        self.lowerOrderFinal = lowerOrderFinal
        self.startsFromLastTimestep = startsFromLastTimestep
    }

    public func sample(_ start: [Float], timesteps: [Int], schedule: DiscreteSchedule, context: SamplerContext) async throws -> [Float] {
        let steps = timesteps.count
        guard steps >= 1 else { throw SamplingError.invalidSteps(steps) }
        let vp = VPTime(schedule: schedule)
        let prediction = TimestepNoisePrediction(schedule: schedule, context: context)
        let order = min(self.order, steps)
        let tStart = startsFromLastTimestep ? Double(timesteps[steps - 1]) / 1000 + 1.0 / 1000 : 1.0
        let times = Scheduler.linspace(tStart, 1.0 / 1000, steps + 1)
        var reported = 0

        func dataPrediction(_ x: [Float], _ t: Double) async throws -> [Float] {
            let eps = try await prediction.eps(x, timestep: (t - 1.0 / 1000) * 1000)
            return LatentMath.combine((1 / vp.alpha(t), x), (-vp.std(t) / vp.alpha(t), eps))
        }

        func update(_ x: [Float], _ models: [[Float]], _ ts: [Double], _ t: Double, _ k: Int, corrector: Bool) async throws -> ([Float], [Float]?) {
            let t0 = ts[ts.count - 1], m0 = models[models.count - 1]
            let h = vp.lambda(t) - vp.lambda(t0)
            var rks: [Double] = [], differences: [[Float]] = []
            for i in 1..<max(k, 1) {
                let rk = (vp.lambda(ts[ts.count - 1 - i]) - vp.lambda(t0)) / h
                rks.append(rk)
                differences.append(LatentMath.combine((1 / rk, models[models.count - 1 - i]), (-1 / rk, m0)))
            }
            rks.append(1)
            let hh = -h
            let hPhi1 = expm1(hh)
            var hPhiK = hPhi1 / hh - 1
            var factorial = 1.0
            let bH = variant == .bh1 ? hh : expm1(hh)
            var rows: [[Double]] = [], b: [Double] = []
            for i in 1...k {
                rows.append(rks.map { pow($0, Double(i - 1)) })
                b.append(hPhiK * factorial / bH)
                factorial *= Double(i + 1)
                hPhiK = hPhiK / hh - 1 / factorial
            }
            let alphaT = vp.alpha(t)
            let base: [(Double, [Float])] = [(vp.std(t) / vp.std(t0), x), (-alphaT * hPhi1, m0)]
            var predictorTerms = base
            if !differences.isEmpty {
                let rhos = k == 2 ? [0.5] : try LinearSolve.solve(rows.dropLast().map { Array($0.dropLast()) }, Array(b.dropLast()))
                for (rho, difference) in zip(rhos, differences) { predictorTerms.append((-alphaT * bH * rho, difference)) }
            }
            let predicted = LatentMath.combine(predictorTerms)
            guard corrector else { return (predicted, nil) }
            let rhos = k == 1 ? [0.5] : try LinearSolve.solve(rows, b)
            let modelT = try await dataPrediction(predicted, t)
            var correctorTerms = base
            for (rho, difference) in zip(rhos.dropLast(), differences) { correctorTerms.append((-alphaT * bH * rho, difference)) }
            let last = rhos[rhos.count - 1]
            correctorTerms += [(-alphaT * bH * last, modelT), (alphaT * bH * last, m0)]
            return (LatentMath.combine(correctorTerms), modelT)
        }

        var x = start
        var models = [try await dataPrediction(x, times[0])]
        var ts = [times[0]]
        for k in 1..<max(order, 1) {
            let (next, model) = try await update(x, models, ts, times[k], k, corrector: true)
            x = next
            let current: [Float]
            if let model { current = model } else { current = try await dataPrediction(x, times[k]) }
            try await context.report(index: reported, sigma: vp.kSigma(times[k]), x: x, denoised: current)
            reported += 1
            models.append(current)
            ts.append(times[k])
        }
        for step in order...steps {
            let k = lowerOrderFinal ? min(order, steps + 1 - step) : order
            let (next, model) = try await update(x, models, ts, times[step], k, corrector: step != steps)
            x = next
            try await context.report(index: reported, sigma: vp.kSigma(times[step]), x: x, denoised: model ?? x)
            reported += 1
            models = Array(models.dropFirst())
            ts = Array(ts.dropFirst()) + [times[step]]
            if step < steps {
                if let model { models.append(model) } else { models.append(try await dataPrediction(x, times[step])) }
            }
        }
        return x
    }
}

/// UniPC's continuous-time view of the discrete schedule: log α(t) linearly interpolated over
/// t_n = (n+1)/N with log α = ½·log ᾱ.
struct VPTime {
    let logAlphas: [Double]

    init(schedule: DiscreteSchedule) {
        logAlphas = schedule.alphasCumprod.map { 0.5 * Foundation.log(Double($0)) }
    }

    func logAlpha(_ t: Double) -> Double {
        let n = Double(logAlphas.count)
        let position = t * n - 1  // index in the t grid (n+1)/N
        let low = min(max(Int(position.rounded(.down)), 0), logAlphas.count - 2)
        let w = position - Double(low)
        return logAlphas[low] + w * (logAlphas[low + 1] - logAlphas[low])
    }

    func alpha(_ t: Double) -> Double { exp(logAlpha(t)) }
    func std(_ t: Double) -> Double { (1 - exp(2 * logAlpha(t))).squareRoot() }
    func lambda(_ t: Double) -> Double { logAlpha(t) - 0.5 * Foundation.log(1 - exp(2 * logAlpha(t))) }
    /// The k-diffusion σ = σ_t/α_t at time t (for step reports).
    func kSigma(_ t: Double) -> Double { std(t) / alpha(t) }
}

/// Gaussian elimination with partial pivoting for UniPC's small (≤ 3×3) systems.
enum LinearSolve {
    static func solve(_ matrix: [[Double]], _ rhs: [Double]) throws -> [Double] {
        var a = matrix, b = rhs
        let n = b.count
        for column in 0..<n {
            let pivot = (column..<n).max { abs(a[$0][column]) < abs(a[$1][column]) } ?? column
            guard a[pivot][column] != 0 else { throw SamplingError.singularUniPCSystem }
            a.swapAt(column, pivot)
            b.swapAt(column, pivot)
            for row in (column + 1)..<n {
                let factor = a[row][column] / a[column][column]
                for k in column..<n { a[row][k] -= factor * a[column][k] }
                b[row] -= factor * b[column]
            }
        }
        var x = [Double](repeating: 0, count: n)
        for row in stride(from: n - 1, through: 0, by: -1) {
            var sum = b[row]
            for k in (row + 1)..<n { sum -= a[row][k] * x[k] }
            x[row] = sum / a[row][row]
        }
        return x
    }
}
