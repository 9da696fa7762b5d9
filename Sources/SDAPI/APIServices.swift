import Generation
import Logging

/// The state the routes share: configuration, model catalog, settings and job status.
public struct APIServices: Sendable {
    public let configuration: ServerConfiguration
    public let catalog: ModelCatalog
    public let settings: SettingsStore
    public let jobs: JobStatus

    /// Creates the services and scans the model folders (hashing continues in the background).
    public init(configuration: ServerConfiguration, logger: Logger) async {
        self.configuration = configuration
        catalog = ModelCatalog(folders: configuration.modelFolders, hashCacheFile: configuration.hashCacheFile, logger: logger)
        settings = SettingsStore(file: configuration.settingsFile, catalog: catalog, logger: logger)
        jobs = JobStatus()
        await catalog.refreshAll()
    }
}
