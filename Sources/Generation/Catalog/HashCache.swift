import Foundation

/// SHA-256 digests of model files remembered across restarts, keyed by absolute path and valid
/// only while the file's size and modification time are unchanged. Stored as a small JSON file
/// (`model-hashes.json` in the data folder).
public struct HashCache: Sendable, Equatable {
    static let formatVersion = 1

    struct Entry: Sendable, Equatable {
        var size: Int
        var modified: Double
        var sha256: String
    }

    private var entries: [String: Entry] = [:]

    public init() {}

    /// The remembered digest of `file`, if its size and modification time still match.
    public func digest(for file: ModelFile) -> String? {
        guard let entry = entries[file.url.path], entry.size == file.size,
            entry.modified == file.modificationDate.timeIntervalSince1970
        else { return nil }
        return entry.sha256
    }

    public mutating func record(_ sha256: String, for file: ModelFile) {
        entries[file.url.path] = Entry(size: file.size, modified: file.modificationDate.timeIntervalSince1970, sha256: sha256)
    }

    public var count: Int { entries.count }

    /// Reads a cache file; a missing, unreadable or other-version file gives an empty cache
    /// (hashes are then computed again, which is always safe).
    public static func load(from file: URL) -> HashCache {
        guard let data = try? Data(contentsOf: file), let root = try? JSONValue.parse(data),
            root["version"] == .int(formatVersion), let files = root["files"]?.objectEntries
        else { return HashCache() }
        var cache = HashCache()
        for (path, value) in files {
            guard case .int(let size)? = value["size"], let sha = value["sha256"]?.stringValue else { continue }
            let modified: Double
            switch value["modified"] {
            case .double(let seconds)?: modified = seconds
            case .int(let seconds)?: modified = Double(seconds)
            default: continue
            }
            cache.entries[path] = Entry(size: size, modified: modified, sha256: sha)
        }
        return cache
    }

    /// Writes the cache atomically, creating the folder if needed.
    public func save(to file: URL) throws {
        let files = entries.sorted { $0.key < $1.key }.map { path, entry -> (key: String, value: JSONValue) in
            (key: path, value: ["size": .int(entry.size), "modified": .double(entry.modified), "sha256": .string(entry.sha256)])
        }
        let root: JSONValue = ["version": .int(Self.formatVersion), "files": .object(files)]
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(root.jsonBytes).write(to: file, options: .atomic)
    }
}
