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
    /// 2 with hires fix: `/progress` counts each pass as a batch, as A1111 does.
    var passes = 1
    /// The SDXL refiner that may take over this pass.
    var refiner: RefinerStage?

    struct Outcome {
        /// Sampler-space latents `[B, C, h, w]`, flat.
        let latents: [Float]
        let stop: StepDecision
        /// Whether the refiner took over.
        var refined = false
    }

    func run(
        batch index: Int, pass: Int = 0, seeds: [Int], subseeds: [Int], inputs: BatchInputs, monitor: any GenerationMonitor
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
        var guided: any Denoiser = guidance(
            model: model, conditioning: conditioning, parameterization: configuration.parameterization, batchSize: batchSize,
            inpaintingConditioning: inputs.inpaintingConditioning)
        let refinerSwitch = refiner.map { refiner in
            RefinerSwitch(
                base: guided, switchAt: refiner.switchAt, table: plan.table, usesTimesteps: configuration.usesTimesteps
            ) { step in
                guidance(
                    model: refiner.model, conditioning: refiner.conditioning, parameterization: refiner.parameterization,
                    batchSize: batchSize,
                    inpaintingConditioning: refiner.model.isInpainting ? inputs.inpaintingConditioning : nil, step: step)
            }
        }
        if let refinerSwitch { guided = refinerSwitch }
        var denoiser: any Denoiser = guided
        if let latent = inputs.imageLatent, let keep = inputs.keepMask {
            denoiser = try InpaintingDenoiser(base: guided, initialLatent: latent, keep: keep)
        }
        let stepNoise: any NoiseSampler = configuration.selection.sampler.brownianNoise
            ? BrownianTreeNoise(
                layout: .perImage(seeds: seeds.map(Self.generatorSeed)), imageCount: shape.count,
                sigmaMin: plan.brownianRange.sigmaMin, sigmaMax: plan.brownianRange.sigmaMax)
            : noise
        let steps = stepCount
        let progressIndex = index * passes + pass
        await monitor.batchStarted(index: progressIndex, of: request.iterations * passes, steps: steps)
        let observer = MonitorObserver(
            monitor: monitor, steps: steps, shape: [batchSize, shape.channels, shape.height, shape.width], family: model.family)
        var outcome: Outcome
        do {
            let latents = try await plan.run(start, context: SamplerContext(denoiser: denoiser, noise: stepNoise, observer: observer))
            outcome = Outcome(latents: inputs.blended(latents), stop: .proceed)
        } catch let stopped as SamplingStopped {
            outcome = Outcome(latents: inputs.blended(stopped.denoised), stop: stopped.decision)
        }
        outcome.refined = await refinerSwitch?.switched ?? false
        await monitor.batchFinished(index: progressIndex)
        return outcome
    }

    /// Classifier-free guidance of `model` over the prompt schedule, from model call `step` on.
    func guidance(
        model: LoadedModel, conditioning: JobConditioning, parameterization: Parameterization, batchSize: Int,
        inpaintingConditioning: Tensor?, step: Int = 0
    ) -> ScheduledGuidance {
        let predictor = UNetNoisePredictor(
            unet: model.unet, shape: [batchSize, shape.channels, shape.height, shape.width],
            inpaintingConditioning: inpaintingConditioning)
        return ScheduledGuidance(
            model: ModelDenoiser(model: predictor, table: plan.table, parameterization: parameterization),
            positive: conditioning.positive, negative: conditioning.negative, positiveWeight: conditioning.positiveWeight,
            scale: Float(request.cfgScale), sMinUncond: Float(request.sMinUncond ?? request.settings.sMinUncond),
            skipMeasure: configuration.usesTimesteps ? .timestep : .sigma, startingAt: step)
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
}

/// The SDXL refiner as one pass uses it: the model, the pass's prompts encoded by it, and its
/// output parameterization for the pass's sampler.
struct RefinerStage: Sendable {
    let model: LoadedModel
    let conditioning: JobConditioning
    let parameterization: Parameterization
    let switchAt: Double?
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
