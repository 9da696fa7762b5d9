import Foundation
import Logging

/// The model files sdserve can use, per kind, kept current by `refresh`. Listing never waits
/// for hashing: new or changed checkpoints and VAEs are hashed one at a time in the background
/// (see `FileHasher`), their digests filled into later listings and saved to the hash cache
/// file, so a restart does not hash them again.
public actor ModelCatalog {
    public nonisolated let folders: ModelFolders
    private let hashCacheFile: URL?
    private let logger: Logger
    private let scanner = ModelScanner()
    private var filesByKind: [ModelKind: [ModelFile]] = [:]
    private var hashCache: HashCache
    private var hashQueue: [ModelFile] = []
    private var hashingTask: Task<Void, Never>?
    private var lastCacheSave = ContinuousClock.now

    /// How many files this catalog has hashed itself (not taken from the cache).
    public private(set) var filesHashed = 0

    /// - Parameters:
    ///   - hashCacheFile: where digests are remembered across restarts; nil keeps them in memory.
    public init(folders: ModelFolders, hashCacheFile: URL?, logger: Logger = Logger(label: "sdserve.catalog")) {
        self.folders = folders
        self.hashCacheFile = hashCacheFile
        self.logger = logger
        self.hashCache = hashCacheFile.map(HashCache.load(from:)) ?? HashCache()
    }

    /// The files of `kind` as last scanned, with every digest known so far.
    public func files(_ kind: ModelKind) -> [ModelFile] { filesByKind[kind] ?? [] }

    /// The file `name` refers to (see `ModelNameResolver` for the accepted forms).
    public func resolve(_ name: String, kind: ModelKind) throws(CatalogError) -> ModelFile {
        try ModelNameResolver(kind: kind, files: files(kind)).resolve(name)
    }

    /// Rescans every kind.
    public func refreshAll() {
        for kind in ModelKind.allCases { refresh(kind) }
    }

    /// Rescans the folders of `kind`; files not hashed yet are queued for hashing.
    public func refresh(_ kind: ModelKind) {
        var files = scanner.scan(kind, in: folders.folders(for: kind))
        for index in files.indices {
            files[index].sha256 = hashCache.digest(for: files[index])
        }
        filesByKind[kind] = files
        guard kind.isHashedWholeFile else { return }
        let queued = Set(hashQueue.map(\.url))
        hashQueue += files.filter { $0.sha256 == nil && !queued.contains($0.url) }
        startHashingIfNeeded()
    }

    /// Returns once every queued file has been hashed (for tests and tools).
    public func waitUntilHashed() async {
        while let task = hashingTask { await task.value }
    }

    private func startHashingIfNeeded() {
        guard hashingTask == nil, !hashQueue.isEmpty else { return }
        hashingTask = Task(priority: .utility) { await self.hashQueuedFiles() }
    }

    private func hashQueuedFiles() async {
        while !hashQueue.isEmpty {
            let file = hashQueue.removeFirst()
            do {
                let digest = try await FileHasher.sha256(of: file.url)
                record(digest, for: file)
            } catch {
                logger.warning("cannot hash \(file.url.path): \(error.localizedDescription)")
            }
        }
        saveHashCache()
        hashingTask = nil
    }

    private func record(_ digest: String, for file: ModelFile) {
        filesHashed += 1
        hashCache.record(digest, for: file)
        if let index = filesByKind[file.kind]?.firstIndex(where: {
            $0.url == file.url && $0.size == file.size && $0.modificationDate == file.modificationDate
        }) {
            filesByKind[file.kind]?[index].sha256 = digest
        }
        if ContinuousClock.now - lastCacheSave > .seconds(2) { saveHashCache() }
    }

    private func saveHashCache() {
        lastCacheSave = .now
        guard let hashCacheFile else { return }
        do {
            try hashCache.save(to: hashCacheFile)
        } catch {
            logger.warning("cannot save model hashes to \(hashCacheFile.path): \(error.localizedDescription)")
        }
    }
}
