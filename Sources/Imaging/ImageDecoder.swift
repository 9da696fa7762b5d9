import CImageCodecsShims

/// An image read from a file, with what its metadata said.
public struct DecodedImage: Sendable, Equatable {
    /// Pixels with the EXIF orientation already applied.
    public var image: Image
    public var format: ImageFormat
    /// The EXIF UserComment (where A1111 keeps infotext for JPEG and WebP), if any.
    public var exifUserComment: String?
}

/// Reads PNG, JPEG and WebP the way A1111 receives images (PIL `Image.open`, then
/// `exif_transpose` and the PNG-transparency fix): 16-bit samples keep their high byte, palette
/// and low-bit gray expand to 8-bit, a palette tRNS becomes alpha unless it only marks a single
/// fully transparent entry, a gray/RGB colour-key tRNS is ignored, CMYK JPEG becomes RGB, and
/// the EXIF orientation tag is honoured.
public enum ImageDecoder {
    /// PIL refuses images above twice its `MAX_IMAGE_PIXELS` (89,478,485); so do we by default.
    public static let defaultMaxPixels = 178_956_970

    public static func decode(base64 text: String, maxPixels: Int = defaultMaxPixels) throws(ImagingError) -> DecodedImage {
        try decode(Base64Image.decode(text), maxPixels: maxPixels)
    }

    public static func decode(_ bytes: [UInt8], maxPixels: Int = defaultMaxPixels) throws(ImagingError) -> DecodedImage {
        guard let format = ImageFormat.sniff(bytes) else {
            let lead = bytes.prefix(8).map { String($0, radix: 16) }.joined(separator: " ")
            throw .unrecognizedFormat(leadingBytes: lead.isEmpty ? "nothing" : "bytes \(lead)")
        }
        var raw = sds_decoded_image()
        var message = [CChar](repeating: 0, count: 256)
        let limit = UInt64(max(maxPixels, 0))
        let status = bytes.withUnsafeBufferPointer { data in
            switch format {
            case .png: sds_png_decode(data.baseAddress, data.count, limit, &raw, &message, message.count)
            case .jpeg: sds_jpeg_decode(data.baseAddress, data.count, limit, &raw, &message, message.count)
            case .webp: sds_webp_decode(data.baseAddress, data.count, limit, &raw, &message, message.count)
            }
        }
        defer { sds_decoded_image_free(&raw) }
        let reason = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        try CodecStatus.check(status, format: format, reason: reason, operation: "decoding")

        guard let layout = PixelLayout(channels: Int(raw.channels)) else {
            throw .unsupportedImage(format: format, reason: "\(raw.channels) channels after decoding")
        }
        let count = Int(raw.width) * Int(raw.height) * layout.channels
        let pixels = Array(UnsafeBufferPointer(start: raw.pixels, count: count))
        let image = Image(validWidth: Int(raw.width), height: Int(raw.height), layout: layout, pixels: pixels)
        let exif = raw.exif.map { ExifFields(payload: Array(UnsafeBufferPointer(start: $0, count: raw.exif_count))) }
        return DecodedImage(
            image: image.transposed(forExifOrientation: exif?.orientation ?? 1),
            format: format,
            exifUserComment: exif?.userComment
        )
    }
}

/// Maps the C shims' status codes to `ImagingError`.
enum CodecStatus {
    static func check(_ status: Int32, format: ImageFormat, reason: String, operation: String) throws(ImagingError) {
        switch UInt32(bitPattern: status) {
        case SDS_OK.rawValue: return
        case SDS_ERR_UNSUPPORTED.rawValue: throw .unsupportedImage(format: format, reason: reason)
        case SDS_ERR_TOO_LARGE.rawValue: throw .imageTooLarge(reason: reason)
        case SDS_ERR_OUT_OF_MEMORY.rawValue: throw .outOfMemory(operation: "\(operation) \(format.rawValue.uppercased())")
        case SDS_ERR_ENCODE.rawValue: throw .encodingFailed(format: format, reason: reason)
        default: throw .corruptImage(format: format, reason: reason)
        }
    }
}
