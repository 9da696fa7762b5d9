import Generation

extension GenerationFields {
    /// The pipeline's view of the common fields, with the job's prompt, settings and LoRAs.
    func generationRequest(_ setup: JobSetup) -> GenerationRequest {
        var request = GenerationRequest()
        request.prompt = setup.prompt
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
        request.settings = setup.settings
        request.loras = setup.loras
        return request
    }
}
