/// What a job's infotexts and `info` say about it: the processed prompts, the seeds, the
/// sampler and model names, and the extra parameters in A1111's order (spec §2.5, §7.1).
struct JobDescription: Sendable {
    let request: GenerationRequest
    let prompts: [String]
    let negativePrompts: [String]
    let seeds: SeedPlan
    let samplerName: String
    let scheduleType: String
    let samplerUsesENSD: Bool
    let model: ModelSelection
    let denoisingStrength: Double?
    let usesInpaintingConditioning: Bool
    /// Keys after `Tiling` in insertion order (A1111's `extra_generation_params`).
    var extras: [(key: String, value: JSONValue)]
    let context: JobContext

    var clipSkip: Int { max(1, request.settings.clipStopAtLastLayers) }

    /// The infotext of image `index` of the job.
    func infotext(_ index: Int) -> String {
        let r = request, settings = r.settings
        var text = InfotextBuilder()
        text.set("Steps", String(r.steps))
        text.set("Sampler", samplerName)
        text.set("Schedule type", scheduleType)
        text.set("CFG scale", PythonText.float(r.cfgScale))
        text.set("Seed", String(seeds.seeds[index]))
        text.set("Size", "\(r.width)x\(r.height)")
        text.set("Model hash", settings.addModelHashToInfo ? model.checkpoint.shortHash : nil)
        text.set("Model", settings.addModelNameToInfo ? model.checkpoint.name : nil)
        text.set("VAE hash", settings.addVAEHashToInfo ? model.vae?.shortHash : nil)
        text.set("VAE", settings.addVAENameToInfo ? model.vae?.name : nil)
        let varies = r.subseedStrength != 0
        text.set("Variation seed", varies ? String(seeds.subseeds[index]) : nil)
        text.set("Variation seed strength", varies ? PythonText.float(r.subseedStrength) : nil)
        let resizes = r.seedResizeFromWidth > 0 && r.seedResizeFromHeight > 0
        text.set("Seed resize from", resizes ? "\(r.seedResizeFromWidth)x\(r.seedResizeFromHeight)" : nil)
        text.set("Denoising strength", denoisingStrength.map(PythonText.float))
        text.set("Conditional mask weight", usesInpaintingConditioning ? PythonText.float(settings.inpaintingMaskWeight) : nil)
        text.set("Clip skip", clipSkip > 1 ? String(clipSkip) : nil)
        text.set("ENSD", settings.etaNoiseSeedDelta != 0 && samplerUsesENSD ? String(settings.etaNoiseSeedDelta) : nil)
        text.set("RNG", settings.randnSource == "GPU" ? nil : settings.randnSource)
        text.set("Tiling", r.tiles ? "True" : nil)
        for (key, value) in extras { text.set(key, Self.infotextValue(value)) }
        text.set("Version", settings.addVersionToInfotext ? context.version : nil)
        return text.text(prompt: prompts[index], negativePrompt: negativePrompts[index])
    }

    /// A1111's `info` object for a job that returned `infotexts` (one per image).
    func info(infotexts: [String]) -> JSONValue {
        let r = request
        let extraObject = JSONValue.object([("Schedule type", .string(scheduleType))] + extras.map { ($0.key, $0.value) })
        return .object([
            ("prompt", .string(prompts.first ?? "")),
            ("all_prompts", .array(prompts.map(JSONValue.string))),
            ("negative_prompt", .string(negativePrompts.first ?? "")),
            ("all_negative_prompts", .array(negativePrompts.map(JSONValue.string))),
            ("seed", .int(seeds.seeds.first ?? -1)),
            ("all_seeds", .array(seeds.seeds.map(JSONValue.int))),
            ("subseed", .int(seeds.subseeds.first ?? -1)),
            ("all_subseeds", .array(seeds.subseeds.map(JSONValue.int))),
            ("subseed_strength", .double(r.subseedStrength)),
            ("width", .int(r.width)),
            ("height", .int(r.height)),
            ("sampler_name", .string(samplerName)),
            ("cfg_scale", .double(r.cfgScale)),
            ("steps", .int(r.steps)),
            ("batch_size", .int(r.batchSize)),
            ("restore_faces", .bool(false)),
            ("face_restoration_model", .null),
            ("sd_model_name", .string(model.checkpoint.name)),
            ("sd_model_hash", model.checkpoint.shortHash.map(JSONValue.string) ?? .null),
            ("sd_vae_name", model.vae.map { .string($0.name) } ?? .null),
            ("sd_vae_hash", model.vae?.shortHash.map(JSONValue.string) ?? .null),
            ("seed_resize_from_w", .int(r.seedResizeFromWidth)),
            ("seed_resize_from_h", .int(r.seedResizeFromHeight)),
            ("denoising_strength", denoisingStrength.map(JSONValue.double) ?? .null),
            ("extra_generation_params", extraObject),
            ("index_of_first_image", .int(0)),
            ("infotexts", .array(infotexts.map(JSONValue.string))),
            ("styles", .array(r.styles.map(JSONValue.string))),
            ("job_timestamp", .string(context.timestamp)),
            ("clip_skip", .int(clipSkip)),
            ("is_using_inpainting_conditioning", .bool(usesInpaintingConditioning)),
            ("version", context.version.map(JSONValue.string) ?? .null),
        ])
    }

    static func infotextValue(_ value: JSONValue) -> String? {
        switch value {
        case .null: nil
        case .string(let text): text
        case .bool(let flag): PythonText.bool(flag)
        case .int(let number): String(number)
        case .double(let number): PythonText.float(number)
        case .array, .object: value.jsonText
        }
    }
}
