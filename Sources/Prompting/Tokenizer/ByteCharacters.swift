/// CLIP's byte-level alphabet: every byte gets a printable stand-in character, so BPE can work
/// on text while covering any UTF-8 input. Printable Latin-1 bytes stand for themselves; the
/// remaining 68 bytes map to U+0100 onwards. The order of `characters` is the vocabulary order.
enum ByteCharacters {
    /// `characters[i]` is the stand-in of the i-th vocabulary byte; `vocabularyIndex[b]` is the
    /// vocabulary index of byte `b`.
    static let (characters, vocabularyIndex): ([Character], [Int32]) = {
        let printable = Array(0x21...0x7E) + Array(0xA1...0xAC) + Array(0xAE...0xFF)
        var bytes = printable
        var scalars = printable
        var extra = 0
        for byte in 0..<256 where !printable.contains(byte) {
            bytes.append(byte)
            scalars.append(256 + extra)
            extra += 1
        }
        var index = [Int32](repeating: 0, count: 256)
        for (position, byte) in bytes.enumerated() { index[byte] = Int32(position) }
        // Every value is below 0x144, so the fallback never applies.
        let characters = scalars.map { Character(Unicode.Scalar(UInt32($0)) ?? "\u{FFFD}") }
        return (characters, index)
    }()

    /// The byte each stand-in character represents.
    static let byteOf: [Character: UInt8] = {
        var bytes: [Character: UInt8] = [:]
        for byte in 0..<256 { bytes[characters[Int(vocabularyIndex[byte])]] = UInt8(byte) }
        return bytes
    }()
}
