import Foundation
import Generation
import Logging

/// The live settings behind `/options`: validated updates, model names resolved against the
/// catalog, and every change saved to `config.json` so it survives a restart.
public actor SettingsStore {
    /// Keys `GET /options` shows that are derived, not set; posting them back is accepted and ignored.
    static let derivedKeys: Set<String> = ["sd_checkpoint_hash"]

    public private(set) var settings: Settings
    private let file: URL?
    private let catalog: ModelCatalog
    private let logger: Logger

    public init(file: URL?, catalog: ModelCatalog, logger: Logger) {
        self.file = file
        self.catalog = catalog
        self.logger = logger
        self.settings = Self.load(from: file, logger: logger)
    }

    /// The settings as `GET /options` shows them: the checkpoint as its current title (the first
    /// checkpoint when none was chosen) and its SHA-256 as `sd_checkpoint_hash`.
    public func options() async -> JSONValue {
        let checkpoint = await currentCheckpoint()
        var entries = settings.wireObject.objectEntries ?? []
        if let index = entries.firstIndex(where: { $0.key == "sd_model_checkpoint" }) {
            entries[index].value = .string(checkpoint?.title ?? settings.sdModelCheckpoint)
            entries.insert((key: "sd_checkpoint_hash", value: .string(checkpoint?.sha256)), at: index + 1)
        }
        return .object(entries)
    }

    /// The checkpoint the settings select, if it exists.
    public func currentCheckpoint() async -> ModelFile? {
        if let chosen = settings.sdModelCheckpoint {
            return try? await catalog.resolve(chosen, kind: .checkpoint)
        }
        return await catalog.files(.checkpoint).first
    }

    /// Applies `POST /options`: all keys are checked before anything changes. Unknown keys are
    /// refused (A1111's `KeyError`), bad values answer 422, unknown model names 404.
    public func update(with body: JSONValue) async throws {
        guard let entries = body.objectEntries else {
            throw RequestValidationError([ValidationIssue(location: ["body"], message: "value is not a valid dict",
                                                          type: "type_error.dict")])
        }
        if let unknown = entries.first(where: { !Settings.hasField($0.key) && !Self.derivedKeys.contains($0.key) }) {
            throw APIError(status: .badRequest, error: "KeyError",
                           detail: "unknown setting '\(unknown.key)'; GET /sdapi/v1/options lists the settings",
                           errors: "'\(unknown.key)'")
        }
        var updated = settings
        try updated.apply(.object(entries.filter { !Self.derivedKeys.contains($0.key) }))
        if body["sd_model_checkpoint"] != nil, let name = updated.sdModelCheckpoint {
            updated.sdModelCheckpoint = try await catalog.resolve(name, kind: .checkpoint).relativePath
        }
        if body["sd_vae"] != nil, !["Automatic", "None"].contains(updated.sdVAE) {
            updated.sdVAE = try await catalog.resolve(updated.sdVAE, kind: .vae).fileName
        }
        guard updated != settings else { return }
        settings = updated
        save()
    }

    private func save() {
        guard let file else { return }
        do {
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(settings.wireObject.jsonBytes).write(to: file, options: .atomic)
        } catch {
            logger.warning("cannot save settings to \(file.path): \(error.localizedDescription); they last until restart")
        }
    }

    private static func load(from file: URL?, logger: Logger) -> Settings {
        guard let file, let data = try? Data(contentsOf: file) else { return Settings() }
        do {
            let json = try JSONValue.parse(data)
            let known = (json.objectEntries ?? []).filter { Settings.hasField($0.key) }
            return try Settings.decode(.object(known))
        } catch {
            logger.warning("ignoring settings file \(file.path): \(error); using defaults")
            return Settings()
        }
    }
}
