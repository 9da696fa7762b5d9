import Sampling

/// Classifier-free guidance whose prompts change during sampling (A1111's prompt editing,
/// `[from:to:when]`): model call k (0-based, counted as A1111's `CFGDenoiser.step`) uses the
/// first schedule entry with k ≤ its end step, for the positive and the negative prompt alike.
/// Guidance itself is `CFGDenoiser`, one per combination of entries in use.
actor ScheduledGuidance: Denoiser {
    typealias Guide = CFGDenoiser<UNetNoisePredictor>

    let model: ModelDenoiser<UNetNoisePredictor>
    let positive: [ScheduledConditioning]
    let negative: [ScheduledConditioning]
    let positiveWeight: Float
    let scale: Float
    let sMinUncond: Float
    let skipMeasure: Guide.SkipMeasure
    private var step = 0
    private var guides: [Int: Guide] = [:]

    init(
        model: ModelDenoiser<UNetNoisePredictor>, positive: [ScheduledConditioning], negative: [ScheduledConditioning],
        positiveWeight: Float, scale: Float, sMinUncond: Float, skipMeasure: Guide.SkipMeasure, startingAt step: Int = 0
    ) {
        self.step = step
        self.model = model
        self.positive = positive
        self.negative = negative
        self.positiveWeight = positiveWeight
        self.scale = scale
        self.sMinUncond = sMinUncond
        self.skipMeasure = skipMeasure
    }

    func denoise(_ x: [Float], sigma: Float) async throws -> [Float] {
        try await denoiseWithUnconditional(x, sigma: sigma, guidanceScaleMultiplier: 1).guided
    }

    func denoiseWithUnconditional(
        _ x: [Float], sigma: Float, guidanceScaleMultiplier: Float
    ) async throws -> (guided: [Float], unconditional: [Float]) {
        let guide = try self.guide(at: step)
        step += 1
        return try await guide.denoiseWithUnconditional(x, sigma: sigma, guidanceScaleMultiplier: guidanceScaleMultiplier)
    }

    private func guide(at step: Int) throws -> Guide {
        let p = Self.entry(positive, at: step), n = Self.entry(negative, at: step)
        let key = p * negative.count + n
        if let guide = guides[key] { return guide }
        let guide = try Guide(
            model: model, positive: [.init(positive[p].conditioning, weight: positiveWeight)],
            negative: negative[n].conditioning, scale: scale, sMinUncond: sMinUncond, skipMeasure: skipMeasure)
        guides[key] = guide
        return guide
    }

    /// A1111 `reconstruct_cond_batch`: the first entry whose end step is ≥ `step`, else the last.
    static func entry(_ schedule: [ScheduledConditioning], at step: Int) -> Int {
        schedule.firstIndex { step <= $0.endStep } ?? schedule.count - 1
    }
}
