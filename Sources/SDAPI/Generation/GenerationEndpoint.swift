import Generation
import HTTPTypes
import Hummingbird
import Imaging

/// Runs `/txt2img` and `/img2img` requests through the job queue and answers as A1111 does:
/// `{images, parameters, info}` with `info` a JSON string, plus a `Server-Timing` header.
struct GenerationEndpoint: Sendable {
    let services: APIServices

    func txt2img(_ body: Txt2ImgRequest) async throws -> Response {
        let setup = try await JobSetup.resolve(body.common, services: services)
        var hiresRequest = body.common.generationRequest(setup)
        if body.enableHR { try Self.applyHires(body, to: &hiresRequest) }
        let request = hiresRequest
        let companions = try await CompanionSetup.resolve(
            hiresCheckpoint: body.enableHR ? body.hrCheckpointName : nil, fields: body.common, base: setup.selection,
            catalog: services.catalog)
        let task = body.common.forceTaskID ?? TaskBoard.newTaskID(kind: "txt2img")
        let (result, timing) = try await run("scripts_txt2img", task: task, setup: setup, companions: companions) {
            model, companions, context, monitor in
            try await Txt2ImgPipeline.run(request, model: model, context: context, monitor: monitor, companions: companions)
        }
        try await restoreIfAsked(body.common)
        try save(result, mode: "txt2img", settings: setup.settings, fields: body.common)
        return try response(result, timing: timing, settings: setup.settings, fields: body.common, parameters: body.wireObject)
    }

    func img2img(_ body: Img2ImgRequest) async throws -> Response {
        let setup = try await JobSetup.resolve(body.common, services: services)
        let request = body.common.generationRequest(setup)
        let input = try Self.img2imgInput(body)
        let companions = try await CompanionSetup.resolve(
            hiresCheckpoint: nil, fields: body.common, base: setup.selection, catalog: services.catalog)
        let task = body.common.forceTaskID ?? TaskBoard.newTaskID(kind: "img2img")
        let (result, timing) = try await run("scripts_img2img", task: task, setup: setup, companions: companions) {
            model, companions, context, monitor in
            try await Img2ImgPipeline.run(
                request, input: input, model: model, context: context, monitor: monitor, companions: companions)
        }
        try await restoreIfAsked(body.common)
        try save(result, mode: "img2img", settings: setup.settings, fields: body.common)
        var parameters = body.wireObject
        if !body.includeInitImages, var entries = parameters.objectEntries {
            for index in entries.indices where ["init_images", "mask"].contains(entries[index].key) { entries[index].value = .null }
            parameters = .object(entries)
        }
        return try response(result, timing: timing, settings: setup.settings, fields: body.common, parameters: parameters)
    }

    /// Queues the job as `task` (A1111's `id_task`); the model is loaded (or taken from the
    /// cache) when its turn comes.
    private func run(
        _ job: String, task: String, setup: JobSetup, companions: CompanionSetup,
        _ pipeline: @escaping @Sendable (LoadedModel, CompanionModels, JobContext, any GenerationMonitor) async throws -> GenerationResult
    ) async throws -> (GenerationResult, ServerTiming) {
        let settings = setup.settings
        let previewEvery = settings.livePreviewsEnable ? settings.showProgressEveryNSteps : 0
        let generation = services.generation
        let clock = ContinuousClock(), submitted = clock.now
        do {
            return try await generation.run(job: job, taskID: task, previewEvery: previewEvery) { context, monitor in
                let started = clock.now
                let model = try await generation.models.model(for: setup.selection, loras: setup.loras)
                let loadedCompanions = try await companions.load(from: generation.models)
                let loaded = clock.now
                let result = try await pipeline(model, loadedCompanions, context, monitor)
                let timing = ServerTiming(queue: started - submitted, model: loaded - started, engine: clock.now - loaded)
                return (result, timing)
            }
        } catch let error as GenerationError {
            throw Self.apiError(error)
        } catch let failure as ModelLoadFailure {
            throw APIError(status: .internalServerError, error: "RuntimeError", detail: failure.description, errors: failure.reason)
        }
    }

    /// `override_settings_restore_afterwards = false` keeps the overrides as the new settings.
    private func restoreIfAsked(_ fields: GenerationFields) async throws {
        guard !fields.overrideSettingsRestoreAfterwards, !fields.overrideSettings.entries.isEmpty else { return }
        let known = fields.overrideSettings.entries.filter { Settings.hasField($0.key) }
        try await services.settings.update(with: .object(known))
    }

    /// `save_images`: the images go to the mode's output folder; nothing is written otherwise.
    private func save(_ result: GenerationResult, mode: String, settings: Settings, fields: GenerationFields) throws {
        guard fields.saveImages else { return }
        let writer = SampleWriter(folder: services.configuration.samplesFolder(mode: mode, settings: settings))
        do { try writer.write(result, settings: settings) } catch {
            throw APIError(status: .internalServerError, error: "OSError", detail: error.description)
        }
    }

    private func response(
        _ result: GenerationResult, timing: ServerTiming, settings: Settings, fields: GenerationFields, parameters: JSONValue
    ) throws -> Response {
        let clock = ContinuousClock(), start = clock.now
        let images: [String]
        do { images = fields.sendImages ? try result.encodedImages(settings: settings) : [] } catch let error as GenerationError {
            throw Self.apiError(error)
        }
        var response = Response.json(.object([
            ("images", .array(images.map(JSONValue.string))),
            ("parameters", parameters),
            ("info", .string(result.info.jsonText)),
        ]))
        var timing = timing
        timing.response = clock.now - start
        response.headers[.serverTiming] = timing.headerValue
        return response
    }

    static func apiError(_ error: GenerationError) -> APIError {
        switch error {
        case .queueFull:
            APIError(status: .serviceUnavailable, detail: error.description, headers: [.retryAfter: "5"])
        case .invalidImageFormat:
            APIError(status: .internalServerError, detail: "Invalid image format")
        case .invalidSampler:
            APIError(status: .notFound, detail: "Sampler not found", errors: error.description)
        case .missingInitImage:
            APIError(status: .notFound, detail: "Init image not found")
        case .unknownUpscaler:
            APIError(status: .internalServerError, error: "Exception", detail: "", errors: error.description)
        case .invalidPrompt, .tooManyInitImages:
            APIError(status: .unprocessableContent, detail: error.description)
        case .cancelled:
            APIError(status: .serviceUnavailable, detail: error.description)
        }
    }

    /// Hires fix fields. With the legacy `firstphase_width/height`, those are the first pass
    /// and `width/height` the final size, as A1111 reads them.
    static func applyHires(_ body: Txt2ImgRequest, to request: inout GenerationRequest) throws {
        guard let strength = body.denoisingStrength else {
            throw APIError(
                status: .internalServerError, error: "TypeError",
                detail: "enable_hr needs denoising_strength (0-1) for the second pass",
                errors: "'>' not supported between instances of 'NoneType' and 'int'")
        }
        var fix = HiresFix(denoisingStrength: strength)
        fix.scale = body.hrScale
        fix.resizeWidth = body.hrResizeX
        fix.resizeHeight = body.hrResizeY
        if body.firstphaseWidth > 0 || body.firstphaseHeight > 0 {
            (fix.resizeWidth, fix.resizeHeight) = (request.width, request.height)
            if body.firstphaseWidth > 0 { request.width = body.firstphaseWidth }
            if body.firstphaseHeight > 0 { request.height = body.firstphaseHeight }
        }
        fix.upscaler = body.hrUpscaler
        fix.secondPassSteps = body.hrSecondPassSteps
        fix.samplerName = body.hrSamplerName
        fix.scheduler = body.hrScheduler
        fix.prompt = body.hrPrompt
        fix.negativePrompt = body.hrNegativePrompt
        request.hires = fix
    }

    /// The decoded init images, mask and inpainting options of an img2img request.
    static func img2imgInput(_ body: Img2ImgRequest) throws -> Img2ImgInput {
        let images = try (body.initImages ?? []).map(decodeImage)
        guard !images.isEmpty else { throw APIError(status: .notFound, detail: "Init image not found") }
        var input = Img2ImgInput(initImages: images)
        input.resizeMode = Imaging.ResizeMode(rawValue: body.resizeMode) ?? .justResize
        input.denoisingStrength = body.denoisingStrength
        input.mask = try body.mask.map(decodeImage)
        let blurX = Double(body.maskBlur ?? body.maskBlurX), blurY = Double(body.maskBlur ?? body.maskBlurY)
        input.maskOptions = InpaintMaskOptions(
            blurX: blurX, blurY: blurY, round: body.maskRound, invert: body.inpaintingMaskInvert == 1,
            onlyMasked: body.inpaintFullRes, padding: body.inpaintFullResPadding)
        input.inpaintingFill = InpaintingFill(rawValue: body.inpaintingFill) ?? .fill
        input.initialNoiseMultiplier = body.initialNoiseMultiplier
        return input
    }

    static func decodeImage(_ text: String) throws -> Image {
        let bytes = try EncodedImage.decode(text)
        do { return try ImageDecoder.decode(bytes).image } catch { throw EncodedImage.invalid }
    }
}
