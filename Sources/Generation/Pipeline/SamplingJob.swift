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
        let strip = request.settings.enablePromptComments ? PromptComments.strip : { $0 }
        let count = request.imageCount
        description = JobDescription(
            request: request,
            prompts: Array(repeating: strip(request.prompt), count: count),
            negativePrompts: Array(repeating: strip(request.negativePrompt), count: count),
            seeds: SeedPlan(seed: request.seed, subseed: request.subseed, subseedStrength: request.subseedStrength, count: count),
            samplerName: configuration.selection.sampler.name, scheduleType: configuration.scheduleTypeLabel,
            samplerUsesENSD: configuration.selection.sampler.usesENSD && (request.eta ?? request.settings.etaAncestral) != 0,
            model: model.selection, denoisingStrength: denoisingStrength,
            usesInpaintingConditioning: usesInpaintingConditioning, extras: extras, context: context)
    }

    func run(
        inputs: BatchInputs, monitor: any GenerationMonitor, finish: (Image, Int) throws -> Image = { image, _ in image }
    ) async throws -> GenerationResult {
        let conditioning = try JobConditioning(
            prompt: description.prompts[0], negativePrompt: description.negativePrompts[0], batchSize: request.batchSize,
            scheduleSteps: configuration.scheduleSteps(request.steps), width: request.width, height: request.height,
            model: model, settings: request.settings)
        let sampler = BatchSampler(
            model: model, configuration: configuration, plan: plan, conditioning: conditioning, request: request, shape: shape)
        let decoder = LatentDecoder(vae: model.vae)
        var images: [Image] = []
        var interrupted = false
        for batch in 0..<request.iterations {
            let (seeds, subseeds) = description.seeds.batch(batch, size: request.batchSize)
            let outcome = try await sampler.run(batch: batch, seeds: seeds, subseeds: subseeds, inputs: inputs, monitor: monitor)
            let decoded = try decoder.images(
                outcome.latents, batch: request.batchSize, channels: shape.channels, height: shape.height, width: shape.width)
            images += try decoded.enumerated().map { try finish($1, $0) }
            await monitor.batchFinished(index: batch)
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
