import Foundation

/// The folders searched for each kind of model, in order. Built from `--models-dir` (its
/// sdserve and A1111 sub-folder names) plus any `--extra-model-paths` sections.
public struct ModelFolders: Sendable, Equatable {
    public private(set) var roots: [ModelKind: [URL]]

    public init(roots: [ModelKind: [URL]] = [:]) {
        self.roots = roots.mapValues { $0.map(\.standardizedFileURL) }
    }

    /// The sub-folders of `modelsDirectory` named after each kind (missing ones are kept: they
    /// are searched again on every refresh, so a folder created later is found).
    public static func standard(in modelsDirectory: URL) -> ModelFolders {
        var folders = ModelFolders()
        for kind in ModelKind.allCases {
            for name in kind.folderNames {
                folders.add(modelsDirectory.appendingPathComponent(name, isDirectory: true), for: kind)
            }
        }
        return folders
    }

    /// Folders for `kind`, in search order.
    public func folders(for kind: ModelKind) -> [URL] { roots[kind] ?? [] }

    /// Appends `folder` for `kind` unless it is already listed.
    public mutating func add(_ folder: URL, for kind: ModelKind) {
        let folder = folder.standardizedFileURL
        var list = roots[kind] ?? []
        if !list.contains(folder) { list.append(folder) }
        roots[kind] = list
    }

    /// Adds every folder of `other` after this one's.
    public mutating func merge(_ other: ModelFolders) {
        for kind in ModelKind.allCases {
            for folder in other.folders(for: kind) { add(folder, for: kind) }
        }
    }
}
