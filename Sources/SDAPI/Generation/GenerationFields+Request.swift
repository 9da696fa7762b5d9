import Generation

extension GenerationFields {
    /// The pipeline's view of the common fields, with the job's settings and LoRAs.
    func generationRequest(settings: Settings, loras: [ResolvedLoRA]) -> GenerationRequest {
        var request = GenerationRequest()
        request.prompt = prompt
        request.negativePrompt = negativePrompt
        request.styles = styles
        request.seed = seed
        request.subseed = subseed
        request.subseedStrength = subseedStrength
        request.seedResizeFromWidth = seedResizeFromW
        request.seedResizeFromHeight = seedResizeFromH
        request.samplerName = samplerName
        request.samplerIndex = samplerIndex
        request.scheduler = scheduler
        request.batchSize = batchSize
        request.iterations = nIter
        request.steps = steps
        request.cfgScale = cfgScale
        request.width = width
        request.height = height
        request.eta = eta
        request.sMinUncond = sMinUncond
        request.tiling = tiling
        request.settings = settings
        request.loras = loras
        return request
    }
}
