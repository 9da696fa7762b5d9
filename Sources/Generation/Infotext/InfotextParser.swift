import Foundation

/// Reads an A1111 infotext (the PNG `parameters` text) into the key/value map that A1111's
/// `/png-info` answers as `parameters`: `Prompt`, `Negative prompt`, every `Key: value` of the
/// last line (quoted values JSON-decoded, `WxH` values split into `Key-1`/`Key-2`), then the
/// defaults A1111 fills in for keys an older or shorter infotext lacks. Values stay strings
/// except those defaults A1111 itself gives as numbers or booleans.
public enum InfotextParser {
    /// `Key: value` pairs of the parameter line; a value is a quoted JSON string or runs to the next comma.
    private static let parameterPattern = try? NSRegularExpression(
        pattern: #"\s*(\w[\w \-/]+):\s*("(?:\\.|[^\\"])+"|[^,]*)(?:,|$)"#)
    private static let sizePattern = try? NSRegularExpression(pattern: #"^(\d+)x(\d+)$"#)

    public static func parse(_ infotext: String) -> [(key: String, value: JSONValue)] {
        var lines = infotext.trimmingCharacters(in: .whitespacesAndNewlines).components(separatedBy: "\n")
        var lastLine = lines.removeLast()
        if parameterMatches(in: lastLine).count < 3 {
            lines.append(lastLine)
            lastLine = ""
        }
        var prompt = ""
        var negativePrompt = ""
        var inNegative = false
        for rawLine in lines {
            var line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("Negative prompt:") {
                inNegative = true
                line = String(line.dropFirst("Negative prompt:".count)).trimmingCharacters(in: .whitespaces)
            }
            if inNegative {
                negativePrompt += (negativePrompt.isEmpty ? "" : "\n") + line
            } else {
                prompt += (prompt.isEmpty ? "" : "\n") + line
            }
        }
        var result = OrderedEntries()
        result["Prompt"] = .string(prompt)
        result["Negative prompt"] = .string(negativePrompt)
        for (key, rawValue) in parameterMatches(in: lastLine) {
            let value = unquote(rawValue)
            if let (width, height) = splitSize(value) {
                result["\(key)-1"] = .string(width)
                result["\(key)-2"] = .string(height)
            } else {
                result[key] = .string(value)
            }
        }
        fillDefaults(&result, prompt: prompt, negativePrompt: negativePrompt)
        return result.entries
    }

    static func parameterMatches(in line: String) -> [(String, String)] {
        guard let parameterPattern else { return [] }
        let text = line as NSString
        return parameterPattern.matches(in: line, range: NSRange(location: 0, length: text.length)).map {
            (text.substring(with: $0.range(at: 1)), text.substring(with: $0.range(at: 2)))
        }
    }

    /// A quoted value is a JSON string literal; anything that fails to decode stays as written.
    static func unquote(_ value: String) -> String {
        guard value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\""),
            case .string(let decoded)? = try? JSONValue.parse(value)
        else { return value }
        return decoded
    }

    static func splitSize(_ value: String) -> (String, String)? {
        guard let sizePattern else { return nil }
        let text = value as NSString
        guard let match = sizePattern.firstMatch(in: value, range: NSRange(location: 0, length: text.length)) else {
            return nil
        }
        return (text.substring(with: match.range(at: 1)), text.substring(with: match.range(at: 2)))
    }

    private static func fillDefaults(_ result: inout OrderedEntries, prompt: String, negativePrompt: String) {
        let defaults: [(String, JSONValue)] = [
            ("Clip skip", "1"), ("Hires resize-1", 0), ("Hires resize-2", 0),
            ("Hires sampler", "Use same sampler"), ("Hires schedule type", "Use same scheduler"),
            ("Hires checkpoint", "Use same checkpoint"), ("Hires prompt", ""), ("Hires negative prompt", ""),
            ("Mask mode", "Inpaint masked"), ("Masked content", "original"), ("Inpaint area", "Whole picture"),
            ("Masked area padding", 32), ("RNG", "GPU"), ("Schedule type", "Automatic"),
            ("Schedule max sigma", 0), ("Schedule min sigma", 0), ("Schedule rho", 0),
            ("VAE Encoder", "Full"), ("VAE Decoder", "Full"), ("FP8 weight", "Disable"),
        ]
        for (key, value) in defaults where result[key] == nil {
            if key == "Hires resize-2", result["Hires resize-1"] != .int(0) { continue }
            result[key] = value
        }
        if result["Cache FP16 weight for LoRA"] == nil, result["FP8 weight"] != .string("Disable") {
            result["Cache FP16 weight for LoRA"] = false
        }
        if result["Emphasis"] == nil, usesEmphasis(prompt) || usesEmphasis(negativePrompt) {
            result["Emphasis"] = "Original"
        }
        if result["Refiner switch by sampling steps"] == nil { result["Refiner switch by sampling steps"] = false }
        applyVersionBackCompat(&result)
    }

    /// Whether a prompt has an unescaped `(` or `[` (attention syntax). A close approximation of
    /// A1111's check, which parses the weights; the `Prompting` target owns the real grammar.
    static func usesEmphasis(_ prompt: String) -> Bool {
        var escaped = false
        for character in prompt {
            if escaped { escaped = false; continue }
            if character == "\\" { escaped = true; continue }
            if character == "(" || character == "[" { return true }
        }
        return false
    }

    /// Flags A1111 adds for images made by older versions, so they reproduce as they were made.
    private static func applyVersionBackCompat(_ result: inout OrderedEntries) {
        guard let version = result["Version"]?.stringValue.flatMap(InfotextVersion.init) else { return }
        let prompt = result["Prompt"]?.stringValue ?? ""
        let sampler = result["Sampler"]?.stringValue ?? ""
        if version < InfotextVersion(1, 6, 0), prompt.contains("[") { result["Old prompt editing timelines"] = true }
        if version < InfotextVersion(1, 6, 0), sampler == "DDIM" || sampler == "PLMS" { result["Pad conds v0"] = true }
        if version < InfotextVersion(1, 7, 0, commits: 225) { result["Downcast alphas_cumprod"] = true }
        if version < InfotextVersion(1, 8, 0), let refiner = result["Refiner"], refiner != .string("") {
            result["Refiner switch by sampling steps"] = true
        }
    }
}

/// Key/value pairs that keep their first insertion position when a key is set again.
struct OrderedEntries {
    private(set) var entries: [(key: String, value: JSONValue)] = []

    subscript(key: String) -> JSONValue? {
        get { entries.first(where: { $0.key == key })?.value }
        set {
            if let index = entries.firstIndex(where: { $0.key == key }) {
                if let newValue { entries[index].value = newValue } else { entries.remove(at: index) }
            } else if let newValue {
                entries.append((key: key, value: newValue))
            }
        }
    }
}

/// An A1111 `Version:` value such as `v1.10.1` or `v1.7.0-225-g1234abc`.
struct InfotextVersion: Comparable {
    var parts: [Int]

    init(_ major: Int, _ minor: Int, _ patch: Int, commits: Int = 0) { parts = [major, minor, patch, commits] }

    init?(_ text: String) {
        guard text.hasPrefix("v") else { return nil }
        let pieces = text.dropFirst().split(separator: "-")
        let numbers = pieces.first?.split(separator: ".").compactMap { Int($0) } ?? []
        guard numbers.count >= 2 else { return nil }
        let commits = pieces.count > 1 ? Int(pieces[1]) ?? 0 : 0
        parts = [numbers[0], numbers[1], numbers.count > 2 ? numbers[2] : 0, commits]
    }

    static func < (lhs: InfotextVersion, rhs: InfotextVersion) -> Bool { lhs.parts.lexicographicallyPrecedes(rhs.parts) }
}
