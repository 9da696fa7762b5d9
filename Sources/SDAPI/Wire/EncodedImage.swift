import Foundation

/// An image as requests carry it: raw base64, or a `data:image/...;base64,` URL.
enum EncodedImage {
    static let invalid = APIError(status: .internalServerError, detail: "Invalid encoded image")

    /// The image bytes; A1111 answers 500 `Invalid encoded image` when they cannot be decoded.
    static func decode(_ text: String) throws(APIError) -> [UInt8] {
        var payload = Substring(text.trimmingCharacters(in: .whitespacesAndNewlines))
        if payload.hasPrefix("data:"), let semicolon = payload.firstIndex(of: ";") {
            payload = payload[payload.index(after: semicolon)...]
            if let comma = payload.firstIndex(of: ",") { payload = payload[payload.index(after: comma)...] }
        }
        var base64 = String(payload).filter { !$0.isWhitespace }
        let remainder = base64.count % 4
        if remainder != 0 { base64 += String(repeating: "=", count: 4 - remainder) }
        guard let data = Data(base64Encoded: base64), !data.isEmpty else { throw invalid }
        return Array(data)
    }

    /// Whether `bytes` start like an image format A1111 reads (PNG, JPEG, WebP, GIF, BMP).
    static func looksLikeImage(_ bytes: [UInt8]) -> Bool {
        let signatures: [[UInt8]] = [
            [0x89, 0x50, 0x4E, 0x47], [0xFF, 0xD8, 0xFF], [0x47, 0x49, 0x46, 0x38], [0x42, 0x4D],
        ]
        if signatures.contains(where: bytes.starts(with:)) { return true }
        return bytes.count >= 12 && bytes.starts(with: Array("RIFF".utf8)) && Array(bytes[8..<12]) == Array("WEBP".utf8)
    }
}
