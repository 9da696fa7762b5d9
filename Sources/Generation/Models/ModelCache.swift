import Logging

/// The loaded checkpoints, least recently used first out: at most `capacity` stay in memory
/// (A1111's `sd_checkpoints_limit`, `--cache-lru`). Loading happens inside the actor, so two
/// requests for the same model load it once. A failed load throws and changes nothing: the
/// models already loaded, and the one serving, stay as they were.
public actor ModelCache {
    public let capacity: Int
    private let load: @Sendable (ModelSelection) throws(ModelLoadFailure) -> LoadedModel
    private let logger: Logger
    /// Most recently used last.
    private var entries: [(key: String, model: LoadedModel)] = []

    public init(
        capacity: Int, logger: Logger = Logger(label: "sdserve.models"),
        load: @escaping @Sendable (ModelSelection) throws(ModelLoadFailure) -> LoadedModel
    ) {
        self.capacity = max(1, capacity)
        self.logger = logger
        self.load = load
    }

    public init(capacity: Int, loader: ModelLoader, logger: Logger = Logger(label: "sdserve.models")) {
        self.init(capacity: capacity, logger: logger) { selection throws(ModelLoadFailure) in try loader.load(selection) }
    }

    /// The model for `selection`, loaded now if needed; evicts the least recently used when full.
    public func model(for selection: ModelSelection) throws(ModelLoadFailure) -> LoadedModel {
        if let index = entries.firstIndex(where: { $0.key == selection.key }) {
            let entry = entries.remove(at: index)
            entries.append(entry)
            return entry.model
        }
        let clock = ContinuousClock()
        let start = clock.now
        let model: LoadedModel
        do { model = try load(selection) } catch {
            logger.error("model load failed", metadata: ["file": "\(selection.checkpoint.path)", "reason": "\(error.reason)"])
            throw error
        }
        let seconds = (clock.now - start) / .seconds(1)
        logger.info("model loaded", metadata: [
            "checkpoint": "\(selection.checkpoint.name)", "vae": "\(selection.vae?.name ?? "checkpoint")",
            "architecture": "\(model.detected.architecture.rawValue)", "seconds": "\(seconds)",
        ])
        while entries.count >= capacity { entries.removeFirst() }
        entries.append((selection.key, model))
        return model
    }

    /// The model for `selection` with `loras` in force (none: the base weights). The cached
    /// model keeps the set, so the same set next time costs nothing and a changed set only
    /// recomputes the weights it changes (`LoadedModel.applying`); the checkpoint is not reread.
    /// Throws `ModelLoadFailure` or `LoRARequestError`; on failure the cached model is unchanged.
    public func model(for selection: ModelSelection, loras: [ResolvedLoRA]) throws -> LoadedModel {
        let model = try model(for: selection)
        guard model.loras.active != loras else { return model }
        let clock = ContinuousClock()
        let start = clock.now
        let switched = try model.applying(loras)
        if let index = entries.lastIndex(where: { $0.key == selection.key }) { entries[index].model = switched }
        logger.info("LoRA set switched", metadata: [
            "loras": "\(loras.map { "\($0.mentionedName):\($0.textEncoderStrength):\($0.unetStrength)" })",
            "seconds": "\((clock.now - start) / .seconds(1))",
        ])
        return switched
    }

    /// The selections loaded now, most recently used last.
    public var loaded: [ModelSelection] { entries.map(\.model.selection) }
}
