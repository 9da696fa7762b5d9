import Generation
import Logging
import Tensor

/// The state the routes share: configuration, model catalog, settings and the generation
/// service (job queue, progress, model cache).
public struct APIServices: Sendable {
    public let configuration: ServerConfiguration
    public let catalog: ModelCatalog
    public let settings: SettingsStore
    public let generation: GenerationService

    /// Creates the services and scans the model folders (hashing continues in the background).
    /// Models compute on the CPU backend (oneDNN), or the reference backend where oneDNN is missing.
    public init(configuration: ServerConfiguration, logger: Logger) async throws {
        self.configuration = configuration
        catalog = ModelCatalog(folders: configuration.modelFolders, hashCacheFile: configuration.hashCacheFile, logger: logger)
        settings = SettingsStore(file: configuration.settingsFile, catalog: catalog, logger: logger)
        let backend: any Backend
        do { backend = try configuration.precision.map { try CPUBackend(precision: $0) } ?? CPUBackend() } catch {
            logger.warning("CPU backend unavailable (\(error)); using the slow reference backend")
            backend = ReferenceBackend()
        }
        let models = ModelCache(
            capacity: configuration.cacheLRU, memoryBudget: configuration.modelMemoryBudget,
            loader: try ModelLoader(backend: backend), logger: logger)
        generation = GenerationService(
            models: models, queueCapacity: configuration.queueSize, version: SDServeVersion.current, logger: logger)
        await catalog.refreshAll()
    }
}
