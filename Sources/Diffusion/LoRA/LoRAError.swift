/// Why a LoRA could not be applied to a model, with the file, the module as the file names
/// it and the canonical weight it targets.
public enum LoRAError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The factors multiply out to a shape that does not fit the base weight (a LoRA made for
    /// another architecture, or a damaged file).
    case shapeMismatch(file: String, module: String, targetKey: String, weightShape: [Int], deltaShape: [Int])
    /// The factors do not fit together (for example `up` and `down` disagree on the rank).
    case malformedFactors(file: String, module: String, reason: String)
    /// The base model has no readable tensor for a key the LoRA patches.
    case unreadableBase(file: String, key: String, reason: String)

    public var description: String {
        switch self {
        case let .shapeMismatch(file, module, key, weight, delta):
            "\(file): '\(module)' patches '\(key)' of shape \(weight) but its factors give \(delta) elements' shape; "
                + "the LoRA was probably made for another model architecture"
        case let .malformedFactors(file, module, reason):
            "\(file): '\(module)': \(reason); the LoRA file is damaged or of an unsupported variant"
        case let .unreadableBase(file, key, reason):
            "\(file): cannot read base weight '\(key)' to patch it: \(reason)"
        }
    }
}
