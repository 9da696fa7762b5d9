/// Everything that can go wrong reading, recognising or writing a model file. Each case says
/// what went wrong, where (file, key) and, in `description`, how to fix it.
public enum CheckpointError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file could not be opened, mapped or written.
    case io(file: String, reason: String)
    /// The bytes do not follow the format they claim (bad header, bad offsets, truncated data).
    case malformed(file: String, key: String?, reason: String)
    /// A well-formed file uses a feature sdserve does not implement.
    case unsupported(file: String, key: String?, feature: String, hint: String)
    /// A pickle asked for a global outside the allow-list; nothing was executed.
    case unsafePickle(file: String, global: String)
    /// A tensor that should be there is absent.
    case missingTensor(file: String, key: String)
    /// A tensor has a shape the detected layout does not allow.
    case shapeMismatch(file: String, key: String, expected: [Int], got: [Int])
    /// The weights belong to a model family sdserve cannot run.
    case unsupportedArchitecture(file: String, found: String)

    public var description: String {
        switch self {
        case let .io(file, reason):
            "\(file): \(reason). Check that the path exists and is readable."
        case let .malformed(file, key, reason):
            "\(file)\(Self.at(key)): \(reason). The file is damaged or not what its extension says; download it again."
        case let .unsupported(file, key, feature, hint):
            "\(file)\(Self.at(key)): \(feature) is not supported. \(hint)"
        case let .unsafePickle(file, global):
            "\(file): the pickle references '\(global)', which is not on the allow-list of tensor-rebuilding "
                + "globals; nothing was executed. Only load files you trust, ideally converted to .safetensors."
        case let .missingTensor(file, key):
            "\(file): tensor '\(key)' is missing. The file is incomplete or of a different model family."
        case let .shapeMismatch(file, key, expected, got):
            "\(file): tensor '\(key)' has shape \(got), expected \(expected). The file is of a different model variant."
        case let .unsupportedArchitecture(file, found):
            "\(file): \(found). sdserve runs SD1.x, SD2.x and SDXL (base, refiner, inpainting) models."
        }
    }

    private static func at(_ key: String?) -> String {
        key.map { " (key '\($0)')" } ?? ""
    }
}
