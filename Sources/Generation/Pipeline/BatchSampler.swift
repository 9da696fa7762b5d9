import Checkpoint
import Sampling
import Tensor

/// Samples one batch: per-image noise from the batch's seeds (A1111's `ImageRNG`), the start
/// latent, guidance over the prompt schedule, and the sampler loop reporting every step to the
/// monitor. An interrupt or skip ends the loop with the last denoised estimate, which A1111
/// decodes as the batch's result.
struct BatchSampler: Sendable {
    let model: LoadedModel
    let configuration: SamplerConfiguration
    let plan: SamplingPlan
    let conditioning: JobConditioning
    let request: GenerationRequest
    let shape: LatentShape

    struct Outcome {
        /// Sampler-space latents `[B, C, h, w]`, flat.
        let latents: [Float]
        let stop: StepDecision
    }

    func run(
        batch index: Int, seeds: [Int], subseeds: [Int], inputs: BatchInputs, monitor: any GenerationMonitor
    ) async throws -> Outcome {
        let batchSize = seeds.count
        let noise = ImageNoise(
            shape: shape, seeds: seeds.map(Self.generatorSeed),
            variation: request.subseedStrength > 0
                ? .init(subseeds: subseeds.map(Self.generatorSeed), strength: request.subseedStrength) : nil,
            resizeFrom: (request.seedResizeFromHeight, request.seedResizeFromWidth),
            source: configuration.randomSource, etaNoiseSeedDelta: Int64(request.settings.etaNoiseSeedDelta))
        var initialNoise = await noise.next()
        if inputs.noiseMultiplier != 1 { initialNoise = initialNoise.map { $0 * inputs.noiseMultiplier } }
        let start = try plan.startLatent(noise: initialNoise, imageLatent: inputs.imageLatent)
        let predictor = UNetNoisePredictor(
            unet: model.unet, shape: [batchSize, shape.channels, shape.height, shape.width],
            inpaintingConditioning: inputs.inpaintingConditioning)
        let guidance = ScheduledGuidance(
            model: ModelDenoiser(model: predictor, table: plan.table, parameterization: configuration.parameterization),
            positive: conditioning.positive, negative: conditioning.negative, positiveWeight: conditioning.positiveWeight,
            scale: Float(request.cfgScale), sMinUncond: Float(request.sMinUncond ?? request.settings.sMinUncond),
            skipMeasure: Self.isTimestepSampler(configuration.selection.sampler) ? .timestep : .sigma)
        let denoiser: any Denoiser = inputs.imageLatent.flatMap { latent in
            inputs.keepMask.map { MaskedDenoiser(inner: guidance, imageLatent: latent, keepMask: $0) }
        } ?? guidance
        let stepNoise: any NoiseSampler = configuration.selection.sampler.brownianNoise
            ? BrownianTreeNoise(
                layout: .perImage(seeds: seeds.map(Self.generatorSeed)), imageCount: shape.count,
                sigmaMin: plan.brownianRange.sigmaMin, sigmaMax: plan.brownianRange.sigmaMax)
            : noise
        let steps = stepCount
        await monitor.batchStarted(index: index, of: request.iterations, steps: steps)
        let observer = MonitorObserver(
            monitor: monitor, steps: steps, shape: [batchSize, shape.channels, shape.height, shape.width], family: model.family)
        do {
            let latents = try await plan.run(start, context: SamplerContext(denoiser: denoiser, noise: stepNoise, observer: observer))
            return Outcome(latents: inputs.blended(latents), stop: .proceed)
        } catch let stopped as SamplingStopped {
            return Outcome(latents: inputs.blended(stopped.denoised), stop: stopped.decision)
        }
    }

    /// Steps as `/progress` counts them.
    var stepCount: Int {
        switch plan.levels {
        case .sigmas(let sigmas): sigmas.count - 1
        case .timesteps(let timesteps): timesteps.count
        }
    }

    /// Torch seeds a generator with the seed's 64-bit two's complement pattern.
    static func generatorSeed(_ seed: Int) -> UInt64 { UInt64(bitPattern: Int64(seed)) }

    /// A1111's CompVis samplers (DDIM, PLMS, UniPC) measure `s_min_uncond` skips in timesteps.
    static func isTimestepSampler(_ sampler: SamplerDefinition) -> Bool {
        if case .timesteps = sampler.algorithm { true } else { false }
    }
}

/// Forwards sampler steps to the job's monitor, 1-based as `/progress` shows them.
struct MonitorObserver: StepObserver {
    let monitor: any GenerationMonitor
    let steps: Int
    let shape: [Int]
    let family: ModelFamily

    func didStep(_ step: SamplerStep) async -> StepDecision {
        await monitor.stepFinished(
            min(step.index + 1, steps), of: steps, preview: PreviewSource(denoised: step.denoised, shape: shape, family: family))
    }
}
