import Checkpoint

/// Why a model could not be built from a checkpoint's tensors. Each case names the file and
/// key; `description` says how to fix it.
public enum ModelLoadError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A tensor is missing, mis-shaped or unreadable (`CheckpointError` names file and key).
    case weights(CheckpointError)
    /// Tensors under the model's prefix that no block read: the file holds a different variant.
    case unusedTensors(file: String, prefix: String, keys: [String])
    /// The backend refused to prepare a weight.
    case preparation(file: String, key: String, reason: String)

    public var description: String {
        switch self {
        case let .weights(error):
            error.description
        case let .unusedTensors(file, prefix, keys):
            "\(file): \(keys.count) tensor(s) under '\(prefix)' are not used by the detected model "
                + "(\(keys.sorted().prefix(5).joined(separator: ", "))\(keys.count > 5 ? ", …" : "")). "
                + "The file is of a different variant than detected; check its layout with `sdserve inspect`."
        case let .preparation(file, key, reason):
            "\(file): tensor '\(key)' could not be prepared for computation: \(reason)."
        }
    }
}
