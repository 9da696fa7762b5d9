import Foundation
import Logging

/// The loaded checkpoints, least recently used first out: at most `capacity` stay in memory
/// (A1111's `sd_checkpoints_limit`, `--cache-lru`), and, when a `memoryBudget` is set, the
/// least recently used are unloaded before a load whose estimated weights would not fit
/// (`--model-memory-budget`). Loading happens inside the actor, so two requests for the same
/// model load it once. A file that is not a loadable checkpoint fails its estimate, before
/// anything is unloaded: the models already loaded, and the one serving, stay as they were.
public actor ModelCache {
    public let capacity: Int
    /// Bytes of weights kept loaded at most; nil for no limit besides `capacity`.
    public let memoryBudget: Int?
    private let estimate: @Sendable (ModelSelection) throws(ModelLoadFailure) -> Int
    private let load: @Sendable (ModelSelection) throws(ModelLoadFailure) -> LoadedModel
    private let logger: Logger
    /// Most recently used last.
    private var entries: [(key: String, model: LoadedModel)] = []

    /// - Parameters:
    ///   - estimate: the weight bytes `load` will bring in, asked only when there is a budget;
    ///     throws for a file that cannot load.
    public init(
        capacity: Int, memoryBudget: Int? = nil, logger: Logger = Logger(label: "sdserve.models"),
        estimate: @escaping @Sendable (ModelSelection) throws(ModelLoadFailure) -> Int = { _ in 0 },
        load: @escaping @Sendable (ModelSelection) throws(ModelLoadFailure) -> LoadedModel
    ) {
        self.capacity = max(1, capacity)
        self.memoryBudget = memoryBudget
        self.logger = logger
        self.estimate = estimate
        self.load = load
    }

    public init(capacity: Int, memoryBudget: Int? = nil, loader: ModelLoader, logger: Logger = Logger(label: "sdserve.models")) {
        self.init(
            capacity: capacity, memoryBudget: memoryBudget, logger: logger,
            estimate: { selection throws(ModelLoadFailure) in try loader.weightBytes(selection) },
            load: { selection throws(ModelLoadFailure) in try loader.load(selection) })
    }

    /// The model for `selection`, loaded now if needed; unloads the least recently used first
    /// when the budget or the capacity asks for it.
    public func model(for selection: ModelSelection) throws(ModelLoadFailure) -> LoadedModel {
        if let index = entries.firstIndex(where: { $0.key == selection.key }) {
            let entry = entries.remove(at: index)
            entries.append(entry)
            return entry.model
        }
        let clock = ContinuousClock()
        let start = clock.now
        let model: LoadedModel
        do {
            if memoryBudget != nil { unloadForBudget(making: try estimate(selection), for: selection) }
            model = try load(selection)
        } catch {
            logger.error("model load failed", metadata: ["file": "\(selection.checkpoint.path)", "reason": "\(error.reason)"])
            throw error
        }
        let seconds = (clock.now - start) / .seconds(1)
        logger.info("model loaded", metadata: [
            "checkpoint": "\(selection.checkpoint.name)", "vae": "\(selection.vae?.name ?? "checkpoint")",
            "architecture": "\(model.detected.architecture.rawValue)", "bytes": "\(model.weightBytes)",
            "seconds": "\(String(format: "%.2f", seconds))",
        ])
        while entries.count >= capacity { unloadLeastRecentlyUsed(reason: "cache-lru") }
        entries.append((selection.key, model))
        return model
    }

    /// Unloads the least recently used until `bytes` more fit the budget (or nothing is left).
    private func unloadForBudget(making bytes: Int, for selection: ModelSelection) {
        guard let memoryBudget else { return }
        while !entries.isEmpty, loadedBytes + bytes > memoryBudget { unloadLeastRecentlyUsed(reason: "memory budget") }
        if bytes > memoryBudget {
            logger.warning("model is larger than the memory budget; loading it anyway", metadata: [
                "checkpoint": "\(selection.checkpoint.name)", "bytes": "\(bytes)", "budget": "\(memoryBudget)",
            ])
        }
    }

    private func unloadLeastRecentlyUsed(reason: String) {
        let entry = entries.removeFirst()
        logger.info("model unloaded", metadata: [
            "checkpoint": "\(entry.model.selection.checkpoint.name)", "bytes": "\(entry.model.weightBytes)", "reason": "\(reason)",
        ])
    }

    /// Weight bytes of the loaded models.
    public var loadedBytes: Int { entries.reduce(0) { $0 + $1.model.weightBytes } }

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
