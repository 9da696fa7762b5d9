/// Writes JSON the way Python's `json.dumps` does for A1111's answers: keys in order, floats
/// with a fractional part (`7.0`), non-finite floats as `null`, non-ASCII kept as is.
extension JSONValue {
    public var jsonText: String {
        var output = ""
        write(to: &output)
        return output
    }

    public var jsonBytes: [UInt8] { Array(jsonText.utf8) }

    private func write(to output: inout String) {
        switch self {
        case .null: output += "null"
        case .bool(let flag): output += flag ? "true" : "false"
        case .int(let number): output += String(number)
        case .double(let number): output += Self.pythonFloatText(number)
        case .string(let text): Self.writeQuoted(text, to: &output)
        case .array(let elements):
            output += "["
            for (position, element) in elements.enumerated() {
                if position > 0 { output += ", " }
                element.write(to: &output)
            }
            output += "]"
        case .object(let pairs):
            output += "{"
            for (position, pair) in pairs.enumerated() {
                if position > 0 { output += ", " }
                Self.writeQuoted(pair.key, to: &output)
                output += ": "
                pair.value.write(to: &output)
            }
            output += "}"
        }
    }

    /// `7.0` for integral values, the shortest round-trip text otherwise; `null` when not finite.
    public static func pythonFloatText(_ number: Double) -> String {
        guard number.isFinite else { return "null" }
        if number == number.rounded(), abs(number) < 1e16 { return String(Int(number)) + ".0" }
        return String(number)
    }

    static func writeQuoted(_ text: String, to output: inout String) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case let control where control.value < 0x20:
                let hex = String(control.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }
}
