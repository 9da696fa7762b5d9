/// Writes A1111's infotext (spec §7.1, `processing.create_infotext`): the prompt, a
/// `Negative prompt:` line when there is one, then one line of `Key: value` pairs in the
/// order given, skipping nil values. A value containing `,`, `:` or a newline is written as a
/// JSON string literal; a value equal to its key is written alone. Trailing whitespace is
/// stripped from the whole text.
public struct InfotextBuilder: Sendable {
    public private(set) var parameters: [(key: String, value: String?)] = []

    public init() {}

    /// Adds `key` at the end, or replaces its value where it already is (its first position stays).
    public mutating func set(_ key: String, _ value: String?) {
        if let index = parameters.firstIndex(where: { $0.key == key }) {
            parameters[index].value = value
        } else {
            parameters.append((key, value))
        }
    }

    public func text(prompt: String, negativePrompt: String) -> String {
        let pairs = parameters.compactMap { key, value in value.map { $0 == key ? key : "\(key): \(Self.quoted($0))" } }
        let negative = negativePrompt.isEmpty ? "" : "\nNegative prompt: \(negativePrompt)"
        let text = "\(prompt)\(negative)\n\(pairs.joined(separator: ", "))"
        return Self.strippingWhitespace(text)
    }

    /// A1111 `infotext_utils.quote`.
    static func quoted(_ value: String) -> String {
        guard value.contains(",") || value.contains(":") || value.contains("\n") else { return value }
        return JSONValue.string(value).jsonText
    }

    /// Python's `str.strip()` on both ends.
    static func strippingWhitespace(_ text: String) -> String {
        let characters = Substring(text).drop(while: \.isWhitespace)
        return String(characters.reversed().drop(while: \.isWhitespace).reversed())
    }
}

/// How A1111 prints values in infotext: Python's `str()`.
public enum PythonText {
    /// `str(float)`: always with a fractional part or an exponent (`7.0`, `0.5`, `1e-05`).
    public static func float(_ value: Double) -> String {
        JSONValue.pythonFloatText(value)
    }

    public static func bool(_ value: Bool) -> String { value ? "True" : "False" }
}
