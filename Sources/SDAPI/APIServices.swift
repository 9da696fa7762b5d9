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
    /// LoRA names and hashes for requests (`<lora:…>` tags and the `loras` field).
    public let loras: LoRALibrary

    /// Creates the services and scans the model folders (hashing continues in the background).
    /// Models compute on the CPU backend (oneDNN), or the reference backend where oneDNN is missing.
    public init(configuration: ServerConfiguration, logger: Logger) async throws {
        self.configuration = configuration
        catalog = ModelCatalog(folders: configuration.modelFolders, hashCacheFile: configuration.hashCacheFile, logger: logger)
        loras = LoRALibrary(catalog: catalog)
        settings = SettingsStore(file: configuration.settingsFile, catalog: catalog, logger: logger)
        let backend: any Backend
        do { backend = try CPUBackend(precision: configuration.precision, weightStorage: configuration.weightStorage) } catch {
            logger.warning("CPU backend unavailable (\(error)); using the slow reference backend")
            backend = ReferenceBackend()
        }
        // LoRA deltas are f32: a bf16 backend gets an fp32 CPU backend beside it for them.
        let loader = try ModelLoader(backend: backend, loraBackend: backend.precision == .fp32 ? nil : try? CPUBackend(precision: .fp32))
        let models = ModelCache(
            capacity: configuration.cacheLRU, memoryBudget: configuration.modelMemoryBudget, loader: loader, logger: logger)
        generation = GenerationService(
            models: models, queueCapacity: configuration.queueSize, version: SDServeVersion.current, logger: logger)
        await catalog.refreshAll()
    }
}
