/// What can go wrong while turning a prompt into token chunks.
public enum PromptingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The bundled CLIP merges file is missing or malformed (a broken install).
    case vocabularyUnreadable(file: String, reason: String)
    /// The prompt uses `AND` (composable diffusion), which sdserve does not implement.
    case composableDiffusionUnsupported(prompt: String)
    /// An emphasis weight such as `(cat:1.2.3)` that is not a number.
    case invalidEmphasisWeight(prompt: String, weight: String)
    /// An extra-network tag argument such as the multiplier in `<lora:name:abc>` that is not a number.
    case invalidExtraNetworkArgument(tag: String, argument: String)
    /// A textual-inversion embedding with more vectors than one 75-token window holds.
    case embeddingTooLong(name: String, vectorCount: Int)

    public var description: String {
        switch self {
        case let .vocabularyUnreadable(file, reason):
            return "CLIP vocabulary \(file) could not be read: \(reason). Reinstall sdserve; the file ships with it."
        case let .composableDiffusionUnsupported(prompt):
            return "prompt \"\(prompt)\" uses AND (composable diffusion), which sdserve does not support. "
                + "Write the parts as one prompt, or write `and` in lower case if you meant the word."
        case let .invalidEmphasisWeight(prompt, weight):
            return "prompt \"\(prompt)\": emphasis weight \"\(weight)\" is not a number; write it like (word:1.2)."
        case let .invalidExtraNetworkArgument(tag, argument):
            return "extra-network tag \(tag): \"\(argument)\" is not a number; write it like <lora:name:0.8> or <lora:name:0.8:1.0>."
        case let .embeddingTooLong(name, vectorCount):
            return "embedding \(name) has \(vectorCount) vectors; at most \(PromptChunk.contentLength) fit in one CLIP window. "
                + "Use an embedding with fewer vectors."
        }
    }
}
