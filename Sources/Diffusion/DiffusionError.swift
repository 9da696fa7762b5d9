import Checkpoint

/// What can go wrong building or running a diffusion model. Each case names the file and the
/// full checkpoint key (or the argument) and says how to fix it.
public enum DiffusionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A tensor the architecture needs is absent.
    case missingWeight(file: String, key: String)
    /// A tensor exists with another shape than the configuration implies.
    case weightShape(file: String, key: String, expected: [Int], got: [Int])
    /// Tensors under the model's prefix that no block read: the file and the config disagree.
    case unusedWeights(file: String, prefix: String, keys: [String])
    /// The checkpoint could not produce a tensor (bad dtype, damaged file).
    case unreadableWeight(file: String, key: String, reason: String)
    /// A configuration that cannot describe a model (for example lists of different lengths).
    case invalidConfig(model: String, reason: String)
    /// A forward call got an input of the wrong shape.
    case invalidInput(model: String, argument: String, reason: String)

    public var description: String {
        switch self {
        case let .missingWeight(file, key):
            "\(file): tensor '\(key)' is missing. The file is incomplete or of another model variant than detected."
        case let .weightShape(file, key, expected, got):
            "\(file): tensor '\(key)' has shape \(got), expected \(expected). The file is of another model variant than detected."
        case let .unusedWeights(file, prefix, keys):
            "\(file): \(keys.count) tensors under '\(prefix)' were not used by the model, e.g. "
                + keys.prefix(5).map { "'\($0)'" }.joined(separator: ", ")
                + ". The file holds a variant this configuration does not describe."
        case let .unreadableWeight(file, key, reason):
            "\(file): cannot read tensor '\(key)': \(reason)"
        case let .invalidConfig(model, reason):
            "\(model) configuration is inconsistent: \(reason)"
        case let .invalidInput(model, argument, reason):
            "\(model): argument '\(argument)' \(reason)"
        }
    }
}
