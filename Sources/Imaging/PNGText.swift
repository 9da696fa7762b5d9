/// One PNG text chunk to write: a Latin-1 keyword of 1...79 characters and any text.
public struct PNGText: Sendable, Equatable {
    public var key: String
    public var value: String

    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }

    /// The bytes libpng gets: the key as Latin-1; the value as Latin-1 (tEXt) when every
    /// character fits, else UTF-8 (iTXt). NUL characters cannot be stored in either chunk and
    /// are dropped from the value.
    func encodedForLibpng() throws(ImagingError) -> (key: [UInt8], value: [UInt8], latin1: Bool) {
        guard let key = Self.latin1(key), (1...79).contains(key.count), !key.contains(0) else {
            throw .invalidArgument(operation: "PNG text chunk",
                                   reason: "keyword \"\(key)\" must be 1...79 Latin-1 characters without NUL")
        }
        let cleaned = value.unicodeScalars.filter { $0 != "\0" }
        if let latin1 = Self.latin1(String(String.UnicodeScalarView(cleaned))) {
            return (key, latin1, true)
        }
        return (key, Array(String(String.UnicodeScalarView(cleaned)).utf8), false)
    }

    private static func latin1(_ text: String) -> [UInt8]? {
        var bytes = [UInt8]()
        bytes.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            guard scalar.value < 256 else { return nil }
            bytes.append(UInt8(scalar.value))
        }
        return bytes
    }
}
