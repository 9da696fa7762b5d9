import Imaging
import Sampling

/// The part of A1111's `process_images` that txt2img and img2img share: for each of n_iter
/// batches, sample from that batch's seeds, decode, and finish each image (img2img pastes
/// inpainting results back); then infotexts and `info`. An interrupt ends the job after the
/// batch in progress, whose partial result is kept; a skip ends only that batch.
struct SamplingJob: Sendable {
    let request: GenerationRequest
    let model: LoadedModel
    let configuration: SamplerConfiguration
    let plan: SamplingPlan
    let description: JobDescription
    let shape: LatentShape
    let hires: HiresPass?

    let companions: CompanionModels

    init(
        _ request: GenerationRequest, model: LoadedModel, context: JobContext, denoisingStrength: Double? = nil,
        usesInpaintingConditioning: Bool = false, extras: [(key: String, value: JSONValue)] = [],
        companions: CompanionModels = .none
    ) throws {
        let configuration = try SamplerConfiguration(
            request: request, family: model.family, prediction: model.detected.prediction)
        self.request = request
        self.model = model
        self.companions = companions
        self.configuration = configuration
        plan = try SamplingPlan(
            selection: configuration.selection, steps: request.steps, eta: request.eta, settings: configuration.settings,
            denoisingStrength: denoisingStrength)
        let factor = model.vae.downscaleFactor
        shape = try LatentShape(channels: model.latentChannels, height: request.height / factor, width: request.width / factor)
        hires = try request.hires.map { try HiresPass($0, request: request, model: companions.hires ?? model) }
        let strip = request.settings.enablePromptComments ? PromptComments.strip : { $0 }
        let count = request.imageCount
        let hiresExtras = request.hires?.extras(
            checkpoint: companions.hires?.selection.checkpoint.shortTitle, sampler: configuration.selection.sampler.name,
            prompt: strip(request.prompt),
            negativePrompt: strip(request.negativePrompt)) ?? []
        description = JobDescription(
            request: request,
            prompts: Array(repeating: strip(request.prompt), count: count),
            negativePrompts: Array(repeating: strip(request.negativePrompt), count: count),
            seeds: SeedPlan(seed: request.seed, subseed: request.subseed, subseedStrength: request.subseedStrength, count: count),
            samplerName: configuration.selection.sampler.name, scheduleType: configuration.scheduleTypeLabel,
            samplerUsesENSD: configuration.selection.sampler.usesENSD && (request.eta ?? request.settings.etaAncestral) != 0,
            model: model.selection, denoisingStrength: request.hires?.denoisingStrength ?? denoisingStrength,
            usesInpaintingConditioning: usesInpaintingConditioning,
            extras: hiresExtras + extras + ResolvedLoRA.infotextExtras(request.loras), context: context)
    }

    func run(
        inputs: BatchInputs, monitor: any GenerationMonitor, finish: (Image, Int) throws -> Image = { image, _ in image }
    ) async throws -> GenerationResult {
        let conditioning = try JobConditioning(
            prompt: description.prompts[0], negativePrompt: description.negativePrompts[0], batchSize: request.batchSize,
            scheduleSteps: configuration.scheduleSteps(request.steps), width: request.width, height: request.height,
            model: model, settings: request.settings)
        let passes = hires == nil ? 1 : 2
        var sampler = BatchSampler(
            model: model, configuration: configuration, plan: plan, conditioning: conditioning, request: request, shape: shape,
            passes: passes)
        let second = try hires.map { try hiresSampler($0, passes: passes) }
        // With hires fix the refiner runs in the second pass (A1111's default `hires_fix_refiner_pass`).
        if second == nil {
            sampler.refiner = try refinerStage(
                for: model, configuration: configuration, prompts: (description.prompts[0], description.negativePrompts[0]),
                steps: request.steps, width: request.width, height: request.height)
        }
        let hiresModel = companions.hires ?? model
        var images: [Image] = []
        var interrupted = false
        var refined = false
        for batch in 0..<request.iterations {
            let (seeds, subseeds) = description.seeds.batch(batch, size: request.batchSize)
            var outcome = try await sampler.run(batch: batch, pass: 0, seeds: seeds, subseeds: subseeds, inputs: inputs, monitor: monitor)
            var (outShape, passModel) = (shape, model)
            if let hires, let second, outcome.stop != .interrupt {
                var hiresInputs = BatchInputs()
                hiresInputs.imageLatent = try hires.startLatents(
                    outcome.latents, batch: request.batchSize, first: shape, firstModel: model, model: hiresModel)
                if hiresModel.isInpainting {
                    hiresInputs.inpaintingConditioning = try InpaintingConditioning.txt2img(
                        model: hiresModel, batchSize: request.batchSize, shape: hires.shape)
                }
                outcome = try await second.run(
                    batch: batch, pass: 1, seeds: seeds, subseeds: subseeds, inputs: hiresInputs, monitor: monitor)
                (outShape, passModel) = (hires.shape, hiresModel)
            }
            refined = refined || outcome.refined
            // A1111 decodes with the model loaded last: the refiner once it took over.
            let decodingModel = outcome.refined ? companions.refiner?.model ?? passModel : passModel
            let decoded = try LatentDecoder(vae: decodingModel.vae).images(
                outcome.latents, batch: request.batchSize, channels: outShape.channels, height: outShape.height, width: outShape.width)
            images += try decoded.enumerated().map { try finish($1, $0) }
            if outcome.stop == .interrupt {
                interrupted = true
                break
            }
        }
        var final = description
        if refined, let refiner = companions.refiner { final.extras += refiner.extras }
        let infotexts = images.indices.map(final.infotext)
        return GenerationResult(
            images: images, infotexts: infotexts, info: final.info(infotexts: infotexts), interrupted: interrupted)
    }
}

extension SamplingJob {
    /// The second pass's sampler on the hires checkpoint (or the job's): its own plan and the
    /// hires prompts (or the first pass's), with the refiner when one is set.
    func hiresSampler(_ hires: HiresPass, passes: Int) throws -> BatchSampler {
        let fix = hires.fix
        let model = companions.hires ?? self.model
        let factor = model.vae.downscaleFactor
        let prompts = (fix.prompt.isEmpty ? description.prompts[0] : fix.prompt,
                       fix.negativePrompt.isEmpty ? description.negativePrompts[0] : fix.negativePrompt)
        let steps = fix.secondPassSteps > 0 ? fix.secondPassSteps : request.steps
        let (width, height) = (hires.shape.width * factor, hires.shape.height * factor)
        let conditioning = try JobConditioning(
            prompt: prompts.0, negativePrompt: prompts.1, batchSize: request.batchSize,
            scheduleSteps: hires.configuration.scheduleSteps(steps), width: width, height: height, model: model,
            settings: request.settings)
        var sampler = BatchSampler(
            model: model, configuration: hires.configuration, plan: hires.plan, conditioning: conditioning, request: request,
            shape: hires.shape, passes: passes)
        sampler.refiner = try refinerStage(
            for: model, configuration: hires.configuration, prompts: prompts, steps: steps, width: width, height: height)
        return sampler
    }

    /// The refiner for a pass running on `current`, or nil when none is set or it is the same
    /// checkpoint (A1111 switches only to a different one). Its conditioning is the pass's
    /// prompts encoded by the refiner, with its aesthetic-score `y`.
    func refinerStage(
        for current: LoadedModel, configuration: SamplerConfiguration, prompts: (String, String), steps: Int, width: Int,
        height: Int
    ) throws -> RefinerStage? {
        guard let refiner = companions.refiner, refiner.model.selection.key != current.selection.key else { return nil }
        let conditioning = try JobConditioning(
            prompt: prompts.0, negativePrompt: prompts.1, batchSize: request.batchSize,
            scheduleSteps: configuration.scheduleSteps(steps), width: width, height: height, model: refiner.model,
            settings: request.settings)
        let prediction: Parameterization = refiner.model.detected.prediction == .v ? .velocity : .epsilon
        return RefinerStage(
            model: refiner.model, conditioning: conditioning,
            parameterization: configuration.selection.sampler.parameterization(forModel: prediction), switchAt: refiner.switchAt)
    }
}
