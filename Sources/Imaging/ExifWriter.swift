/// Builds the EXIF block A1111 attaches to JPEG and WebP output: what
/// `piexif.dump({"Exif": {UserComment: UserComment.dump(text, encoding="unicode")}})` yields —
/// big-endian TIFF, IFD0 holding only the Exif IFD pointer (then a zero next-IFD link), the
/// Exif IFD holding only UserComment (`UNICODE\0` + UTF-16BE) and, like piexif, no next-IFD
/// link before the comment bytes. Returns the TIFF payload without `Exif\0\0`.
public enum ExifWriter {
    public static func userCommentPayload(_ text: String) -> [UInt8] {
        var comment = Array("UNICODE\0".utf8)
        for unit in text.utf16 { comment += [UInt8(unit >> 8), UInt8(unit & 0xff)] }

        let firstIFD = 8
        let exifIFD = firstIFD + 2 + 12 + 4
        let commentOffset = exifIFD + 2 + 12

        var out: [UInt8] = [0x4D, 0x4D, 0x00, 0x2A]
        append32(UInt32(firstIFD), to: &out)
        appendSingleEntryIFD(tag: ExifTag.exifIFDPointer, type: ExifTag.typeLong, count: 1, value: UInt32(exifIFD), to: &out)
        append32(0, to: &out)
        appendSingleEntryIFD(tag: ExifTag.userComment, type: ExifTag.typeUndefined, count: UInt32(comment.count),
                             value: UInt32(commentOffset), to: &out)
        return out + comment
    }

    private static func appendSingleEntryIFD(tag: UInt16, type: UInt16, count: UInt32, value: UInt32, to out: inout [UInt8]) {
        append16(1, to: &out)
        append16(tag, to: &out)
        append16(type, to: &out)
        append32(count, to: &out)
        append32(value, to: &out)
    }

    private static func append16(_ value: UInt16, to out: inout [UInt8]) {
        out += [UInt8(value >> 8), UInt8(value & 0xff)]
    }

    private static func append32(_ value: UInt32, to out: inout [UInt8]) {
        out += [UInt8(value >> 24), UInt8(value >> 16 & 0xff), UInt8(value >> 8 & 0xff), UInt8(value & 0xff)]
    }
}
