/// AUTOMATIC1111's txt2img (`StableDiffusionProcessingTxt2Img`): batch_size × n_iter images,
/// seeds per §8, the latent at width/8 × height/8 (sizes floored to the latent grid), the
/// prompt schedule, CFG, the sampler by name, VAE decode, infotext per image and `info`.
/// Inpainting models get A1111's txt2img conditioning: a full mask over a grey image.
/// `companions` are the hires checkpoint and SDXL refiner, when the request names them.
public enum Txt2ImgPipeline {
    public static func run(
        _ request: GenerationRequest, model: LoadedModel, context: JobContext,
        monitor: any GenerationMonitor = UnmonitoredGeneration(), companions: CompanionModels = .none
    ) async throws -> GenerationResult {
        let (model, companions) = request.tiles ? (model.seamless(), companions.seamless()) : (model, companions)
        let job = try SamplingJob(
            request, model: model, context: context, usesInpaintingConditioning: model.isInpainting, companions: companions)
        var inputs = BatchInputs.none
        if model.isInpainting {
            inputs.inpaintingConditioning = try InpaintingConditioning.txt2img(
                model: model, batchSize: request.batchSize, shape: job.shape)
        }
        return try await job.run(inputs: inputs, monitor: monitor)
    }
}
