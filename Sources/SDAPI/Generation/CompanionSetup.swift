import Generation

/// The checkpoints a request hands over to part-way: `hr_checkpoint_name` (txt2img hires fix;
/// empty or `Use same checkpoint` is none) and `refiner_checkpoint` (empty, `None` or `none` is
/// none), each named as A1111's `get_closet_checkpoint_match` finds it and run with the job's VAE. An unknown name is
/// A1111's 500 `Could not find checkpoint with name …`. The files are loaded through the model
/// cache when the job's turn comes.
struct CompanionSetup: Sendable {
    var hires: ModelSelection?
    var refiner: ModelSelection?
    var refinerSwitchAt: Double?

    static func resolve(
        hiresCheckpoint: String?, fields: GenerationFields, base: ModelSelection, catalog: ModelCatalog
    ) async throws -> CompanionSetup {
        var setup = CompanionSetup(refinerSwitchAt: fields.refinerSwitchAt)
        if let name = hiresCheckpoint, !["", "Use same checkpoint"].contains(name) {
            setup.hires = try await selection(name, base: base, catalog: catalog)
        }
        if let name = fields.refinerCheckpoint, !["", "None", "none"].contains(name) {
            setup.refiner = try await selection(name, base: base, catalog: catalog)
        }
        return setup
    }

    private static func selection(_ name: String, base: ModelSelection, catalog: ModelCatalog) async throws -> ModelSelection {
        guard let file = await closestMatch(name, catalog: catalog) else {
            throw APIError(
                status: .internalServerError, error: "Exception", detail: "",
                errors: "Could not find checkpoint with name \(name)")
        }
        return ModelSelection(
            checkpoint: ModelSelection.File(path: file.url.path, name: file.stem, shortHash: file.shortHash), vae: base.vae)
    }

    /// A1111 `get_closet_checkpoint_match`: an exact alias; else the shortest title containing
    /// the name; else the same with a trailing ` [hash]` taken off the name.
    static func closestMatch(_ name: String, catalog: ModelCatalog) async -> ModelFile? {
        if let file = try? await catalog.resolve(name, kind: .checkpoint) { return file }
        let files = await catalog.files(.checkpoint)
        let unhashed = (try? Regex(#"\s\[[^\]]*\]$"#)).map { name.replacing($0, with: "") } ?? name
        for needle in [name, unhashed] {
            if let file = files.filter({ $0.title.contains(needle) }).min(by: { $0.title.count < $1.title.count }) { return file }
        }
        return nil
    }

    /// The companions loaded (or taken from the cache), with their base weights: a LoRA set
    /// left on a cached checkpoint by an earlier job must not leak into this one.
    func load(from cache: ModelCache) async throws -> CompanionModels {
        var models = CompanionModels()
        if let hires { models.hires = try await cache.model(for: hires, loras: []) }
        if let refiner {
            models.refiner = RefinerModel(model: try await cache.model(for: refiner, loras: []), switchAt: refinerSwitchAt)
        }
        return models
    }
}
