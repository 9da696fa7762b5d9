import Checkpoint
import Sampling

/// The sampler, noise source and model wrapper a job uses, from its request and settings.
struct SamplerConfiguration: Sendable {
    let selection: SamplerSelection
    let settings: SamplerSettings
    let randomSource: RandomSource
    let parameterization: Parameterization

    init(request: GenerationRequest, family: ModelFamily, prediction: PredictionType) throws {
        do {
            selection = try SamplerSelection(
                samplerName: request.samplerName, samplerIndex: request.samplerIndex, scheduler: request.scheduler)
        } catch {
            throw GenerationError.invalidSampler("\(error)")
        }
        settings = Self.samplerSettings(request.settings, family: family)
        randomSource = request.settings.randnSource.uppercased() == "CPU" ? .cpu(.x86AVX2) : .nvidiaPhilox
        parameterization = selection.sampler.parameterization(forModel: prediction == .v ? .velocity : .epsilon)
    }

    static func samplerSettings(_ settings: Settings, family: ModelFamily) -> SamplerSettings {
        var result = SamplerSettings()
        result.etaAncestral = settings.etaAncestral
        result.etaDDIM = settings.etaDDIM
        result.sChurn = settings.sChurn
        result.sTmin = settings.sTmin
        result.sTmax = settings.sTmax
        result.sNoise = settings.sNoise
        result.alwaysDiscardPenultimateSigma = settings.alwaysDiscardNextToLastSigma
        result.sgmNoiseMultiplier = settings.sgmNoiseMultiplier
        result.img2imgFixSteps = settings.img2imgFixSteps
        result.schedule.sigmaMin = settings.sigmaMin
        result.schedule.sigmaMax = settings.sigmaMax
        result.schedule.rho = settings.rho
        result.schedule.betaAlpha = settings.betaDistAlpha
        result.schedule.betaBeta = settings.betaDistBeta
        result.schedule.alignYourStepsFamily = family == .sdxl || family == .sdxlRefiner ? .stableDiffusionXL : .stableDiffusion1
        return result
    }

    /// A1111's "Schedule type": the scheduler that ran, or `Automatic` when the sampler has no
    /// scheduler of its own and none was asked for.
    var scheduleTypeLabel: String {
        selection.scheduler == .automatic && selection.sampler.defaultScheduler == nil
            ? "Automatic" : selection.effectiveScheduler.label
    }

    /// Steps prompt editing counts in: A1111 doubles them for second-order samplers.
    func scheduleSteps(_ steps: Int) -> Int { selection.sampler.secondOrder ? steps * 2 : steps }
}
