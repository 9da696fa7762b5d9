import CImageCodecsShims

/// Writes PNG, JPEG and WebP, with A1111's infotext where A1111 puts it.
public enum ImageEncoder {
    /// The PNG text keyword A1111 stores its infotext under.
    public static let infotextKey = "parameters"

    /// The file A1111's API returns for one generated image (`encode_pil_to_base64`): PNG
    /// with the infotext as a `parameters` text chunk (none when `infotext` is nil); JPEG or
    /// WebP converted to RGB (alpha dropped) with the infotext — or an empty text when nil — in
    /// an EXIF UserComment, at `quality` (A1111's `jpeg_quality`, default 80; lossy WebP).
    public static func encodeForResponse(
        _ image: Image, format: ImageFormat, infotext: String?, quality: Int = 80
    ) throws(ImagingError) -> [UInt8] {
        switch format {
        case .png:
            return try png(image, texts: infotext.map { [PNGText(key: infotextKey, value: $0)] } ?? [])
        case .jpeg:
            return try jpeg(image.converted(to: .rgb), quality: quality, exif: ExifWriter.userCommentPayload(infotext ?? ""))
        case .webp:
            return try webp(image.converted(to: .rgb), quality: quality, exif: ExifWriter.userCommentPayload(infotext ?? ""))
        }
    }

    /// PNG, 8 bits per sample in the image's own layout, with text chunks written before the
    /// image data: tEXt when the value is Latin-1, else uncompressed iTXt (UTF-8), as PIL's
    /// `PngInfo.add_text`. `compressionLevel` is zlib's 0...9 (PIL's default is 6).
    public static func png(_ image: Image, texts: [PNGText] = [], compressionLevel: Int = 6) throws(ImagingError) -> [UInt8] {
        guard (0...9).contains(compressionLevel) else {
            throw .invalidArgument(operation: "PNG encoding", reason: "compression level \(compressionLevel) is outside 0...9")
        }
        let encoded = try texts.map { text throws(ImagingError) in try text.encodedForLibpng() }
        let keys = encoded.map { $0.key + [0] }
        let values = encoded.map { $0.value + [0] }
        return try withCStrings(keys) { keyPointers throws(ImagingError) in
            try withCStrings(values) { valuePointers throws(ImagingError) in
                var chunks = (0..<encoded.count).map {
                    sds_png_text(key: keyPointers[$0], value: valuePointers[$0], latin1: encoded[$0].latin1 ? 1 : 0)
                }
                return try runEncoder(.png) { out, message, capacity in
                    image.pixels.withUnsafeBufferPointer { pixels in
                        chunks.withUnsafeMutableBufferPointer { chunkBuffer in
                            sds_png_encode(pixels.baseAddress, Int32(image.width), Int32(image.height), Int32(image.channels),
                                           chunkBuffer.baseAddress, Int32(chunkBuffer.count), Int32(compressionLevel),
                                           out, message, capacity)
                        }
                    }
                }
            }
        }
    }

    /// Baseline JPEG (4:2:0, libjpeg defaults as PIL uses them) of a gray or RGB image; other
    /// layouts are converted first (alpha dropped). `exif` is a TIFF payload for an APP1 segment.
    public static func jpeg(_ image: Image, quality: Int = 80, exif: [UInt8]? = nil) throws(ImagingError) -> [UInt8] {
        guard (0...100).contains(quality) else {
            throw .invalidArgument(operation: "JPEG encoding", reason: "quality \(quality) is outside 0...100")
        }
        let source = image.layout == .gray ? image : image.converted(to: .rgb)
        return try runEncoder(.jpeg) { out, message, capacity in
            source.pixels.withUnsafeBufferPointer { pixels in
                withOptionalBytes(exif) { exifBytes, exifCount in
                    sds_jpeg_encode(pixels.baseAddress, Int32(source.width), Int32(source.height), Int32(source.channels),
                                    Int32(quality), exifBytes, exifCount, out, message, capacity)
                }
            }
        }
    }

    /// WebP of an RGB or RGBA image (gray is expanded), lossy at `quality` or lossless.
    /// `exif` goes into the RIFF `EXIF` chunk.
    public static func webp(
        _ image: Image, quality: Int = 80, lossless: Bool = false, exif: [UInt8]? = nil
    ) throws(ImagingError) -> [UInt8] {
        guard (0...100).contains(quality) else {
            throw .invalidArgument(operation: "WebP encoding", reason: "quality \(quality) is outside 0...100")
        }
        let source = image.converted(to: image.layout.hasAlpha ? .rgba : .rgb)
        return try runEncoder(.webp) { out, message, capacity in
            source.pixels.withUnsafeBufferPointer { pixels in
                withOptionalBytes(exif) { exifBytes, exifCount in
                    sds_webp_encode(pixels.baseAddress, Int32(source.width), Int32(source.height), Int32(source.channels),
                                    Float(quality), lossless ? 1 : 0, exifBytes, exifCount, out, message, capacity)
                }
            }
        }
    }

    /// Calls one shim encoder and copies its malloc'd output into an array.
    private static func runEncoder(
        _ format: ImageFormat,
        _ body: (UnsafeMutablePointer<sds_buffer>, UnsafeMutablePointer<CChar>, Int) -> Int32
    ) throws(ImagingError) -> [UInt8] {
        var buffer = sds_buffer()
        var message = [CChar](repeating: 0, count: 256)
        let status = message.withUnsafeMutableBufferPointer { body(&buffer, $0.baseAddress!, $0.count) }
        defer { sds_free(buffer.bytes) }
        let reason = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        try CodecStatus.check(status, format: format, reason: reason, operation: "encoding")
        return Array(UnsafeBufferPointer(start: buffer.bytes, count: buffer.count))
    }

    private static func withOptionalBytes<R>(_ bytes: [UInt8]?, _ body: (UnsafePointer<UInt8>?, Int) -> R) -> R {
        guard let bytes, !bytes.isEmpty else { return body(nil, 0) }
        return bytes.withUnsafeBufferPointer { body($0.baseAddress, $0.count) }
    }

    /// Pointers to NUL-terminated byte strings, valid inside `body`.
    private static func withCStrings<R>(
        _ strings: [[UInt8]], _ body: ([UnsafePointer<CChar>?]) throws(ImagingError) -> R
    ) throws(ImagingError) -> R {
        var pointers = [UnsafePointer<CChar>?]()
        var storage = [UnsafeMutablePointer<CChar>]()
        defer { storage.forEach { $0.deallocate() } }
        for string in strings {
            let copy = UnsafeMutablePointer<CChar>.allocate(capacity: string.count)
            for (index, byte) in string.enumerated() { copy[index] = CChar(bitPattern: byte) }
            storage.append(copy)
            pointers.append(UnsafePointer(copy))
        }
        return try body(pointers)
    }
}
