import Generation

/// What a generation request runs with: the settings after `override_settings` (A1111 §2.4:
/// unknown keys and an unresolvable checkpoint are ignored), the model files they select, the
/// prompt and the LoRAs the request names (the `loras` field, then the prompt's tags).
struct JobSetup: Sendable {
    let settings: Settings
    let selection: ModelSelection
    /// The request's prompt, with the `sd_lora` setting's tag appended when it applies.
    let prompt: String
    let loras: [ResolvedLoRA]

    static func resolve(_ fields: GenerationFields, services: APIServices) async throws -> JobSetup {
        var settings = await services.settings.settings
        let overrides = fields.overrideSettings.entries.filter { Settings.hasField($0.key) && $0.key != "sd_model_checkpoint" }
        try settings.apply(.object(overrides), location: ["body", "override_settings"])
        if let name = fields.overrideSettings.entries.last(where: { $0.key == "sd_model_checkpoint" })?.value.stringValue,
           let file = try? await services.catalog.resolve(name, kind: .checkpoint) {
            settings.sdModelCheckpoint = file.relativePath
        }
        var prompt = fields.prompt
        var requested = LoRASelection.requested(
            field: fields.loras.map(\.selection), prompt: prompt, settings: settings, disableExtraNetworks: fields.disableExtraNetworks)
        if !fields.disableExtraNetworks, let added = await addedLoRA(settings: settings, requested: requested, library: services.loras) {
            prompt += added.tag
            requested.append(added.selection)
        }
        return JobSetup(
            settings: settings, selection: try await selection(for: settings, catalog: services.catalog), prompt: prompt,
            loras: try await services.loras.resolve(requested))
    }

    /// A1111's "Add network to prompt" (`sd_lora`): a LoRA it names is appended to the prompt as
    /// `<lora:name:extra_networks_default_multiplier>` (both strengths that multiplier) unless the
    /// request already uses it; a name that is not an available LoRA is ignored, as in A1111.
    static func addedLoRA(
        settings: Settings, requested: [LoRASelection], library: LoRALibrary
    ) async -> (tag: String, selection: LoRASelection)? {
        let name = settings.sdLora, strength = settings.extraNetworksDefaultMultiplier
        guard !name.isEmpty, name != "None", !requested.contains(where: { $0.name == name }),
              await library.contains(name) else { return nil }
        return ("<lora:\(name):\(PythonText.float(strength))>", LoRASelection(name: name, unetStrength: strength, textEncoderStrength: strength))
    }

    /// The checkpoint the settings name (the first one found when none is chosen) and the
    /// `sd_vae` file, if one is selected.
    static func selection(for settings: Settings, catalog: ModelCatalog) async throws -> ModelSelection {
        let checkpoint: ModelFile
        if let chosen = settings.sdModelCheckpoint {
            checkpoint = try await catalog.resolve(chosen, kind: .checkpoint)
        } else if let first = await catalog.files(.checkpoint).first {
            checkpoint = first
        } else {
            throw APIError(
                status: .internalServerError, error: "RuntimeError",
                detail: "No checkpoints found: put a .safetensors or .ckpt checkpoint in the models folder's checkpoints/ "
                    + "(or Stable-diffusion/) and call POST /sdapi/v1/refresh-checkpoints")
        }
        var vae: ModelSelection.File?
        if !["Automatic", "None"].contains(settings.sdVAE) {
            let file = try await catalog.resolve(settings.sdVAE, kind: .vae)
            vae = ModelSelection.File(path: file.url.path, name: file.fileName, shortHash: file.shortHash)
        }
        return ModelSelection(
            checkpoint: ModelSelection.File(path: checkpoint.url.path, name: checkpoint.stem, shortHash: checkpoint.shortHash),
            vae: vae)
    }
}
