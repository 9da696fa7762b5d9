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

    init(
        _ request: GenerationRequest, model: LoadedModel, context: JobContext, denoisingStrength: Double? = nil,
        usesInpaintingConditioning: Bool = false, extras: [(key: String, value: JSONValue)] = []
    ) throws {
        let configuration = try SamplerConfiguration(
            request: request, family: model.family, prediction: model.detected.prediction)
        self.request = request
        self.model = model
        self.configuration = configuration
        plan = try SamplingPlan(
            selection: configuration.selection, steps: request.steps, eta: request.eta, settings: configuration.settings,
            denoisingStrength: denoisingStrength)
        let factor = model.vae.downscaleFactor
        shape = try LatentShape(channels: model.latentChannels, height: request.height / factor, width: request.width / factor)
        hires = try request.hires.map { try HiresPass($0, request: request, model: model) }
        let strip = request.settings.enablePromptComments ? PromptComments.strip : { $0 }
        let count = request.imageCount
        description = JobDescription(
            request: request,
            prompts: Array(repeating: strip(request.prompt), count: count),
            negativePrompts: Array(repeating: strip(request.negativePrompt), count: count),
            seeds: SeedPlan(seed: request.seed, subseed: request.subseed, subseedStrength: request.subseedStrength, count: count),
            samplerName: configuration.selection.sampler.name, scheduleType: configuration.scheduleTypeLabel,
            samplerUsesENSD: configuration.selection.sampler.usesENSD && (request.eta ?? request.settings.etaAncestral) != 0,
            model: model.selection, denoisingStrength: request.hires?.denoisingStrength ?? denoisingStrength,
            usesInpaintingConditioning: usesInpaintingConditioning,
            extras: (request.hires?.extras(steps: request.steps) ?? []) + extras + ResolvedLoRA.infotextExtras(request.loras),
            context: context)
    }

    func run(
        inputs: BatchInputs, monitor: any GenerationMonitor, finish: (Image, Int) throws -> Image = { image, _ in image }
    ) async throws -> GenerationResult {
        let conditioning = try JobConditioning(
            prompt: description.prompts[0], negativePrompt: description.negativePrompts[0], batchSize: request.batchSize,
            scheduleSteps: configuration.scheduleSteps(request.steps), width: request.width, height: request.height,
            model: model, settings: request.settings)
        let passes = hires == nil ? 1 : 2
        let sampler = BatchSampler(
            model: model, configuration: configuration, plan: plan, conditioning: conditioning, request: request, shape: shape,
            passes: passes)
        let second = try hires.map { try hiresSampler($0, passes: passes) }
        let decoder = LatentDecoder(vae: model.vae)
        var images: [Image] = []
        var interrupted = false
        for batch in 0..<request.iterations {
            let (seeds, subseeds) = description.seeds.batch(batch, size: request.batchSize)
            var outcome = try await sampler.run(batch: batch, pass: 0, seeds: seeds, subseeds: subseeds, inputs: inputs, monitor: monitor)
            var outShape = shape
            if let hires, let second, outcome.stop != .interrupt {
                var hiresInputs = BatchInputs()
                hiresInputs.imageLatent = try hires.startLatents(outcome.latents, batch: request.batchSize, first: shape, model: model)
                if model.isInpainting {
                    hiresInputs.inpaintingConditioning = try InpaintingConditioning.txt2img(
                        model: model, batchSize: request.batchSize, shape: hires.shape)
                }
                outcome = try await second.run(
                    batch: batch, pass: 1, seeds: seeds, subseeds: subseeds, inputs: hiresInputs, monitor: monitor)
                outShape = hires.shape
            }
            let decoded = try decoder.images(
                outcome.latents, batch: request.batchSize, channels: outShape.channels, height: outShape.height, width: outShape.width)
            images += try decoded.enumerated().map { try finish($1, $0) }
            if outcome.stop == .interrupt {
                interrupted = true
                break
            }
        }
        let infotexts = images.indices.map(description.infotext)
        return GenerationResult(
            images: images, infotexts: infotexts, info: description.info(infotexts: infotexts), interrupted: interrupted)
    }
}

extension SamplingJob {
    /// The second pass's sampler: its own plan and the hires prompts (or the first pass's).
    func hiresSampler(_ hires: HiresPass, passes: Int) throws -> BatchSampler {
        let fix = hires.fix
        let factor = model.vae.downscaleFactor
        let conditioning = try JobConditioning(
            prompt: fix.prompt.isEmpty ? description.prompts[0] : fix.prompt,
            negativePrompt: fix.negativePrompt.isEmpty ? description.negativePrompts[0] : fix.negativePrompt,
            batchSize: request.batchSize,
            scheduleSteps: hires.configuration.scheduleSteps(fix.secondPassSteps > 0 ? fix.secondPassSteps : request.steps),
            width: hires.shape.width * factor, height: hires.shape.height * factor, model: model, settings: request.settings)
        return BatchSampler(
            model: model, configuration: hires.configuration, plan: hires.plan, conditioning: conditioning, request: request,
            shape: hires.shape, passes: passes)
    }
}
