/// Why a byte string could not be read or extended as a PNG.
public enum PNGChunkError: Error, Sendable, Equatable, CustomStringConvertible {
    case notPNG
    case truncated(chunk: String, offset: Int)
    case badChecksum(chunk: String, offset: Int)
    case missingEnd
    case invalidKeyword(String)

    public var description: String {
        switch self {
        case .notPNG: "not a PNG image (the 8-byte signature is missing)"
        case let .truncated(chunk, offset): "PNG chunk '\(chunk)' at byte \(offset) runs past the end of the data"
        case let .badChecksum(chunk, offset): "PNG chunk '\(chunk)' at byte \(offset) has a wrong CRC"
        case .missingEnd: "PNG has no IEND chunk"
        case let .invalidKeyword(keyword): "PNG text keyword '\(keyword)' must be 1-79 Latin-1 characters"
        }
    }
}
