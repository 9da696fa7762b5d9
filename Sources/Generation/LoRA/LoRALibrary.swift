import Foundation

/// The LoRA files of the catalog as requests name them: a `LoRANameIndex` rebuilt when the
/// catalog's LoRA files change (each safetensors header read once per change), and A1111's
/// LoRA hashes computed once per file version.
public actor LoRALibrary {
    private let catalog: ModelCatalog
    private var indexed: (files: [FileVersion], index: LoRANameIndex)?
    /// Full LoRA hashes by file identity.
    private var hashes: [String: String] = [:]

    public init(catalog: ModelCatalog) {
        self.catalog = catalog
    }

    /// Every selection's file, with its hash, in order. Throws `notFound` for the first name
    /// that does not resolve and `unusable` for a file that cannot be hashed.
    public func resolve(_ selections: [LoRASelection]) async throws(LoRARequestError) -> [ResolvedLoRA] {
        guard !selections.isEmpty else { return [] }
        let (files, index) = await currentIndex()
        var resolved: [ResolvedLoRA] = []
        for selection in selections {
            guard let entry = index.resolve(selection.name), let file = files.first(where: { $0.path == entry.path }) else {
                throw .notFound(name: selection.name, available: files.count)
            }
            let sha256: String
            if let known = hashes[file.identity] {
                sha256 = known
            } else {
                do { sha256 = try LoRAHash.sha256(of: URL(fileURLWithPath: file.path), metadata: entry.metadata) } catch {
                    throw .unusable(name: selection.name, reason: "cannot read \(file.path): \(error.localizedDescription)")
                }
                hashes[file.identity] = sha256
            }
            resolved.append(ResolvedLoRA(
                mentionedName: selection.name, path: file.path, identity: file.identity, shortHash: LoRAHash.shortHash(sha256),
                unetStrength: selection.unetStrength, textEncoderStrength: selection.textEncoderStrength))
        }
        return resolved
    }

    /// Whether `name` (a file stem or an alias) names an available LoRA.
    public func contains(_ name: String) async -> Bool {
        await currentIndex().index.resolve(name) != nil
    }

    private func currentIndex() async -> (files: [FileVersion], index: LoRANameIndex) {
        let files = await catalog.files(.lora).map(FileVersion.init)
        if let indexed, indexed.files == files { return indexed }
        let index = LoRANameIndex(files.map { file in
            let url = URL(fileURLWithPath: file.path)
            let metadata = url.pathExtension.lowercased() == "safetensors"
                ? (try? SafetensorsHeader.read(from: url))?.metadata ?? [] : []
            return LoRANameIndex.Entry(
                path: file.path, metadata: Dictionary(metadata.map { ($0.key, $0.value) }, uniquingKeysWith: { $1 }))
        })
        indexed = (files, index)
        hashes = hashes.filter { key, _ in files.contains { $0.identity == key } }
        return (files, index)
    }

    /// A file as it is now: a changed size or modification time is a new version.
    struct FileVersion: Equatable {
        let path: String
        let identity: String

        init(_ file: ModelFile) {
            path = file.url.path
            identity = "\(file.url.path)|\(file.size)|\(file.modificationDate.timeIntervalSince1970)"
        }
    }
}
