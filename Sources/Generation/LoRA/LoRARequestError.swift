/// Why the LoRAs a request names cannot be used. SDAPI answers `notFound` with 404 and
/// `unusable` with 422 (A1111 only logs an unknown LoRA and generates without it; sdserve
/// refuses, so a typo never silently gives a different image).
public enum LoRARequestError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No LoRA file answers to `name` (file name without extension, or `ss_output_name` alias).
    case notFound(name: String, available: Int)
    /// The file was found but cannot be applied to the selected model.
    case unusable(name: String, reason: String)

    public var description: String {
        switch self {
        case let .notFound(name, available):
            "LoRA not found: '\(name)' (\(available) LoRA files known); use a name from GET /sdapi/v1/loras "
                + "(file name without extension, or its alias), and POST /sdapi/v1/refresh-loras after adding files"
        case let .unusable(name, reason):
            "LoRA '\(name)' cannot be applied to the selected model: \(reason)"
        }
    }
}
