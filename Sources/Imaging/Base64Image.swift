/// Base64 as A1111 clients send images: raw, or behind a `data:image/<fmt>;base64,` prefix.
public enum Base64Image {
    /// The bytes of an image sent as text. A `data:image/...` prefix is removed the way A1111
    /// does it (the text after the first `;`, then after the following `,`); whitespace and line
    /// breaks are ignored and missing `=` padding is tolerated.
    public static func decode(_ text: String) throws(ImagingError) -> [UInt8] {
        try decodeBase64(payload(of: text))
    }

    /// Standard base64 with padding and no line breaks, the form A1111 returns (no prefix).
    public static func encode(_ bytes: [UInt8]) -> String {
        var out = [UInt8]()
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index + 3 <= bytes.count {
            let group = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
            for shift in [18, 12, 6, 0] { out.append(alphabet[Int(group >> UInt32(shift) & 63)]) }
            index += 3
        }
        let rest = bytes.count - index
        if rest > 0 {
            let group = UInt32(bytes[index]) << 16 | (rest == 2 ? UInt32(bytes[index + 1]) << 8 : 0)
            out.append(alphabet[Int(group >> 18 & 63)])
            out.append(alphabet[Int(group >> 12 & 63)])
            out.append(rest == 2 ? alphabet[Int(group >> 6 & 63)] : UInt8(ascii: "="))
            out.append(UInt8(ascii: "="))
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func payload(of text: String) -> Substring {
        guard text.hasPrefix("data:image/") else { return Substring(text) }
        let afterSemicolon = text.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).dropFirst().first ?? ""
        return afterSemicolon.split(separator: ",", maxSplits: 1, omittingEmptySubsequences: false).dropFirst().first ?? ""
    }

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    private static let values: [Int8] = {
        var table = [Int8](repeating: -1, count: 256)
        for (value, byte) in alphabet.enumerated() { table[Int(byte)] = Int8(value) }
        return table
    }()

    private static func decodeBase64(_ text: Substring) throws(ImagingError) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(text.utf8.count / 4 * 3)
        var group: UInt32 = 0
        var filled = 0
        var padding = 0
        for (offset, byte) in text.utf8.enumerated() {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"):
                continue
            case UInt8(ascii: "="):
                padding += 1
                continue
            default:
                let value = values[Int(byte)]
                guard value >= 0 else {
                    throw .invalidBase64(reason: "character \(printable(byte)) at offset \(offset) is not in the base64 alphabet")
                }
                guard padding == 0 else {
                    throw .invalidBase64(reason: "data continues after '=' padding at offset \(offset)")
                }
                group = group << 6 | UInt32(value)
                filled += 1
                if filled == 4 {
                    out.append(UInt8(group >> 16 & 0xff))
                    out.append(UInt8(group >> 8 & 0xff))
                    out.append(UInt8(group & 0xff))
                    group = 0
                    filled = 0
                }
            }
        }
        switch filled {
        case 0: break
        case 2: out.append(UInt8(group >> 4 & 0xff))
        case 3:
            out.append(UInt8(group >> 10 & 0xff))
            out.append(UInt8(group >> 2 & 0xff))
        default: throw .invalidBase64(reason: "the length is not a whole number of bytes (one character too many or too few)")
        }
        guard !out.isEmpty else { throw .invalidBase64(reason: "no image data") }
        return out
    }

    private static func printable(_ byte: UInt8) -> String {
        (32..<127).contains(byte) ? "'\(Character(UnicodeScalar(byte)))'" : "0x\(String(byte, radix: 16))"
    }
}
