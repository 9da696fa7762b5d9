import Imaging

/// What a job produced: one image per finished sample in seed order (fewer when interrupted),
/// the infotext of each, and A1111's `info` object.
public struct GenerationResult: Sendable {
    public var images: [Image]
    public var infotexts: [String]
    /// A1111's `info` keys in A1111's order (serialise with `jsonText`).
    public var info: JSONValue
    public var interrupted: Bool

    /// Each image encoded as A1111's API returns it (`samples_format`, infotext in the PNG
    /// `parameters` chunk or EXIF when `enable_pnginfo`), base64 without a data-URL prefix.
    public func encodedImages(settings: Settings) throws -> [String] {
        try encodedFiles(settings: settings).map(Base64Image.encode)
    }

    /// Each image as the file bytes A1111 returns and saves (see `encodedImages`).
    public func encodedFiles(settings: Settings) throws -> [[UInt8]] {
        guard let format = ImageFormat(samplesFormat: settings.samplesFormat) else {
            throw GenerationError.invalidImageFormat(settings.samplesFormat)
        }
        return try zip(images, infotexts).map { image, infotext in
            try ImageEncoder.encodeForResponse(
                image, format: format, infotext: settings.enablePNGInfo ? infotext : nil, quality: settings.jpegQuality)
        }
    }
}
