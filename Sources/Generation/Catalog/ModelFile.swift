import Foundation

/// One model file found in a model folder, with its SHA-256 once known.
public struct ModelFile: Sendable, Equatable {
    public var kind: ModelKind
    /// Absolute location on disk.
    public var url: URL
    /// Path relative to the model folder it was found in, with `/` separators
    /// (A1111's `name`, e.g. `sub/foo.safetensors`).
    public var relativePath: String
    public var size: Int
    public var modificationDate: Date
    /// Full 64-hex-digit SHA-256 of the file, nil until hashed.
    public var sha256: String?

    public init(kind: ModelKind, url: URL, relativePath: String, size: Int, modificationDate: Date, sha256: String? = nil) {
        self.kind = kind
        self.url = url
        self.relativePath = relativePath
        self.size = size
        self.modificationDate = modificationDate
        self.sha256 = sha256
    }

    /// First 10 hex digits of the SHA-256 (A1111's shorthash), nil until hashed.
    public var shortHash: String? { sha256.map { String($0.prefix(10)) } }

    /// `relative/name.safetensors [shorthash]`, or the bare relative path until hashed.
    public var title: String {
        guard let shortHash else { return relativePath }
        return "\(relativePath) [\(shortHash)]"
    }

    /// The relative path without its extension, separators replaced by `_` (A1111's `model_name`).
    public var modelName: String {
        pathWithoutExtension.replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "\\", with: "_")
    }

    /// The relative path without its extension (`sub/foo`).
    public var pathWithoutExtension: String {
        let ext = url.pathExtension
        return ext.isEmpty ? relativePath : String(relativePath.dropLast(ext.count + 1))
    }

    /// The file name with extension (`foo.safetensors`).
    public var fileName: String { url.lastPathComponent }

    /// The file name without extension (`foo`).
    public var stem: String { url.deletingPathExtension().lastPathComponent }
}
