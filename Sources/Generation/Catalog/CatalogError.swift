/// What went wrong finding or naming a model file, with the name or file involved.
public enum CatalogError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No file of `kind` answers to `name`.
    case notFound(kind: ModelKind, name: String)
    /// Several files answer to `name`; their titles are listed so the caller can pick one.
    case ambiguous(kind: ModelKind, name: String, candidates: [String])
    /// `name` tries to reach outside the model folders (`..`, an absolute path, a symlink out).
    case outsideModelFolders(kind: ModelKind, name: String)
    /// `--extra-model-paths` could not be read.
    case extraModelPathsUnreadable(file: String, reason: String)
    /// `--extra-model-paths` is not in ComfyUI's format.
    case extraModelPathsInvalid(file: String, section: String?, reason: String)
    /// A safetensors header could not be read.
    case unreadableHeader(file: String, reason: String)

    public var description: String {
        switch self {
        case let .notFound(kind, name):
            "\(kind.displayName) '\(name)' not found; GET the listing to see the available names"
        case let .ambiguous(kind, name, candidates):
            "\(kind.displayName) name '\(name)' matches several files (\(candidates.joined(separator: ", "))); use the full title"
        case let .outsideModelFolders(kind, name):
            "\(kind.displayName) name '\(name)' points outside the model folders; name a file inside them"
        case let .extraModelPathsUnreadable(file, reason):
            "cannot read --extra-model-paths file \(file): \(reason)"
        case let .extraModelPathsInvalid(file, section, reason):
            "--extra-model-paths file \(file)\(section.map { ", section '\($0)'" } ?? ""): \(reason)"
        case let .unreadableHeader(file, reason):
            "cannot read the safetensors header of \(file): \(reason)"
        }
    }
}
