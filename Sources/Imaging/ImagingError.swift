/// What went wrong while decoding, encoding or transforming an image. The API layer maps
/// these to 4xx answers naming the request field; the text says what to send instead.
public enum ImagingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The text is not base64 (after any `data:image/...;base64,` prefix was removed).
    case invalidBase64(reason: String)
    /// The bytes start like no format we decode.
    case unrecognizedFormat(leadingBytes: String)
    /// The bytes claim a format but are damaged or truncated.
    case corruptImage(format: ImageFormat, reason: String)
    /// A valid file in a variant we do not decode (e.g. animated WebP).
    case unsupportedImage(format: ImageFormat, reason: String)
    /// Width × height is above the decoder's pixel limit.
    case imageTooLarge(reason: String)
    case outOfMemory(operation: String)
    case encodingFailed(format: ImageFormat, reason: String)
    /// An image value was built from a pixel buffer of the wrong size or empty dimensions.
    case invalidDimensions(width: Int, height: Int, layout: PixelLayout, pixelCount: Int)
    /// An operation got an argument outside what it accepts (a crop box outside the image…).
    case invalidArgument(operation: String, reason: String)

    public var description: String {
        switch self {
        case let .invalidBase64(reason):
            "image is not valid base64 (\(reason)); send raw base64 or a data:image/...;base64, URL"
        case let .unrecognizedFormat(leadingBytes):
            "image data is not PNG, JPEG or WebP (starts with \(leadingBytes)); send one of those formats"
        case let .corruptImage(format, reason):
            "\(format.rawValue.uppercased()) image could not be decoded: \(reason)"
        case let .unsupportedImage(format, reason):
            "\(format.rawValue.uppercased()) image is not supported: \(reason)"
        case let .imageTooLarge(reason):
            "image is too large: \(reason); send a smaller image"
        case let .outOfMemory(operation):
            "out of memory while \(operation)"
        case let .encodingFailed(format, reason):
            "could not encode \(format.rawValue.uppercased()): \(reason)"
        case let .invalidDimensions(width, height, layout, pixelCount):
            "a \(width)x\(height) \(layout) image needs \(max(width, 0) * max(height, 0) * layout.channels) samples, got \(pixelCount)"
        case let .invalidArgument(operation, reason):
            "\(operation): \(reason)"
        }
    }
}
