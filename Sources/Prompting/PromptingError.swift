/// What can go wrong while turning a prompt into token chunks.
public enum PromptingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The bundled CLIP merges file is missing or malformed (a broken install).
    case vocabularyUnreadable(file: String, reason: String)
    /// The prompt uses `AND` (composable diffusion), which sdserve does not implement.
    case composableDiffusionUnsupported(prompt: String)

    public var description: String {
        switch self {
        case let .vocabularyUnreadable(file, reason):
            return "CLIP vocabulary \(file) could not be read: \(reason). Reinstall sdserve; the file ships with it."
        case let .composableDiffusionUnsupported(prompt):
            return "prompt \"\(prompt)\" uses AND (composable diffusion), which sdserve does not support. "
                + "Write the parts as one prompt, or write `and` in lower case if you meant the word."
        }
    }
}
