import Checkpoint

/// Why prompts could not be turned into conditioning.
public enum ConditioningError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A prompt names an embedding that has no vectors for one of the model's text encoders.
    case embeddingMissing(name: String, role: TextEncoderRole)
    /// The model has no text encoder to encode with, or a combination sdserve does not know.
    case unsupportedEncoders(family: ModelFamily, roles: [TextEncoderRole])
    /// No text to encode.
    case emptyBatch
    /// SDXL needs the image size (and for the refiner the aesthetic score) for its `y` vector.
    case missingSizeConditioning(family: ModelFamily)

    public var description: String {
        switch self {
        case let .embeddingMissing(name, role):
            "the embedding '\(name)' has no vectors for the \(role.rawValue) text encoder; "
                + "use an embedding trained for this model family, or remove it from the prompt"
        case let .unsupportedEncoders(family, roles):
            "a \(family.rawValue) model with text encoders \(roles.map(\.rawValue)) cannot encode prompts; "
                + "the checkpoint lacks its text encoder or has an unexpected one"
        case .emptyBatch:
            "no prompt texts to encode"
        case let .missingSizeConditioning(family):
            "a \(family.rawValue) model needs the image size to build its conditioning vector"
        }
    }
}
