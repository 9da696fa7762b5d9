/// The file formats sdserve reads and writes.
public enum ImageFormat: String, Sendable, Equatable, CaseIterable {
    case png
    case jpeg
    case webp

    /// The format the bytes start with, or nil.
    public static func sniff(_ bytes: [UInt8]) -> ImageFormat? {
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if bytes.count >= 12, bytes.starts(with: Array("RIFF".utf8)), Array(bytes[8..<12]) == Array("WEBP".utf8) {
            return .webp
        }
        return nil
    }

    /// A1111's `samples_format` setting: `png`, `jpg`/`jpeg` or `webp`, any case; nil otherwise
    /// (A1111 answers 500 `Invalid image format`).
    public init?(samplesFormat: String) {
        switch samplesFormat.lowercased() {
        case "png": self = .png
        case "jpg", "jpeg": self = .jpeg
        case "webp": self = .webp
        default: return nil
        }
    }
}
