import Foundation

/// Finds model files under folders, recursively, by extension. Hidden files and folders are
/// skipped, and so is anything whose real location (after following symlinks) lies outside
/// the folder being scanned: a model name can only ever reach files inside the model folders.
public struct ModelScanner: Sendable {
    public init() {}

    /// The files of `kind` under `folders`, sorted by relative path; a file found in two
    /// folders under the same relative path is listed once (the first folder wins).
    public func scan(_ kind: ModelKind, in folders: [URL]) -> [ModelFile] {
        var seen = Set<String>()
        var files: [ModelFile] = []
        for folder in folders {
            for file in scan(kind, in: folder) where seen.insert(file.relativePath).inserted {
                files.append(file)
            }
        }
        return files.sorted { $0.relativePath.localizedStandardCompare($1.relativePath) == .orderedAscending }
    }

    private func scan(_ kind: ModelKind, in folder: URL) -> [ModelFile] {
        let manager = FileManager.default
        let realRootURL = folder.resolvingSymlinksInPath().standardizedFileURL
        let realRoot = realRootURL.path
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: realRoot, isDirectory: &isDirectory), isDirectory.boolValue,
            let enumerator = manager.enumerator(
                at: realRootURL, includingPropertiesForKeys: [.isRegularFileKey, .fileSizeKey, .contentModificationDateKey],
                options: [.skipsHiddenFiles])
        else { return [] }
        var files: [ModelFile] = []
        for case let url as URL in enumerator {
            guard kind.fileExtensions.contains(url.pathExtension.lowercased()) else { continue }
            let real = url.resolvingSymlinksInPath().standardizedFileURL
            guard Self.isInside(real.path, root: realRoot),
                let values = try? real.resourceValues(forKeys: [.isRegularFileKey, .fileSizeKey, .contentModificationDateKey]),
                values.isRegularFile == true
            else { continue }
            guard let relative = Self.relativePath(of: url.standardizedFileURL.path, under: realRoot)
            else { continue }
            files.append(ModelFile(
                kind: kind, url: url.standardizedFileURL, relativePath: relative, size: values.fileSize ?? 0,
                modificationDate: values.contentModificationDate ?? Date(timeIntervalSince1970: 0)))
        }
        return files
    }

    /// Whether `path` is `root` itself or lies below it.
    static func isInside(_ path: String, root: String) -> Bool {
        let root = root.hasSuffix("/") ? root : root + "/"
        return path.hasPrefix(root)
    }

    static func relativePath(of path: String, under root: String) -> String? {
        let root = root.hasSuffix("/") ? root : root + "/"
        guard path.hasPrefix(root) else { return nil }
        return String(path.dropFirst(root.count))
    }
}
