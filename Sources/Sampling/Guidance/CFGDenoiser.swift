/// Classifier-free guidance as A1111's `CFGDenoiser` does it, on denoised outputs:
/// D = D_u + Σ wᵢ·s·(D_cᵢ − D_u) over the positive prompts (`AND` weights), with s the CFG
/// scale. With `sMinUncond` > 0, every second call whose noise level is below it skips the
/// unconditional model call and uses the first conditional estimate in its place at scale 1
/// (A1111's NGMS).
/// The call counter is why this is an actor.
public actor CFGDenoiser<Model: NoisePredictor>: Denoiser {
    public struct WeightedConditioning: Sendable {
        public let conditioning: Model.Conditioning
        public let weight: Float
        public init(_ conditioning: Model.Conditioning, weight: Float = 1) {
            self.conditioning = conditioning
            self.weight = weight
        }
    }

    public let model: ModelDenoiser<Model>
    public let positive: [WeightedConditioning]
    public let negative: Model.Conditioning
    public let scale: Float
    public let sMinUncond: Float
    /// What `sMinUncond` is compared with: σ for k-diffusion samplers; A1111's timestep
    /// samplers (DDIM, PLMS, UniPC) compare the model timestep instead.
    public let skipMeasure: SkipMeasure
    private var callIndex = 0

    public enum SkipMeasure: Sendable { case sigma, timestep }

    public init(
        model: ModelDenoiser<Model>, positive: [WeightedConditioning], negative: Model.Conditioning,
        scale: Float, sMinUncond: Float = 0, skipMeasure: SkipMeasure = .sigma
    ) throws {
        guard !positive.isEmpty else { throw SamplingError.noPositiveConditioning }
        self.model = model
        self.positive = positive
        self.negative = negative
        self.scale = scale
        self.sMinUncond = sMinUncond
        self.skipMeasure = skipMeasure
    }

    public func denoise(_ x: [Float], sigma: Float) async throws -> [Float] {
        try await denoiseWithUnconditional(x, sigma: sigma, guidanceScaleMultiplier: 1).guided
    }

    public func denoiseWithUnconditional(
        _ x: [Float], sigma: Float, guidanceScaleMultiplier: Float
    ) async throws -> (guided: [Float], unconditional: [Float]) {
        defer { callIndex += 1 }
        var conditional: [[Float]] = []
        for item in positive {
            conditional.append(try await model.denoise(x, sigma: sigma, conditioning: item.conditioning))
        }
        let level = skipMeasure == .sigma ? sigma : model.table.timestep(forSigma: sigma)
        let skipsUnconditional = callIndex % 2 == 1 && sMinUncond > 0 && level < sMinUncond
        // A skipped unconditional call is replaced by the first conditional estimate at scale 1.
        let unconditional = skipsUnconditional
            ? conditional[0] : try await model.denoise(x, sigma: sigma, conditioning: negative)
        let effectiveScale = skipsUnconditional ? 1 : scale * guidanceScaleMultiplier
        var guided = unconditional
        for (item, estimate) in zip(positive, conditional) {
            let factor = item.weight * effectiveScale
            for i in guided.indices { guided[i] += (estimate[i] - unconditional[i]) * factor }
        }
        return (guided, unconditional)
    }
}
