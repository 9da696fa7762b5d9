/// A tag `<kind:arg:arg...>` as A1111's `extra_networks.parse_prompt` finds it with the regex
/// `<(\w+):([^>]+)>`: arguments split on `:`; one with exactly one `=` is named, others positional.
public struct ExtraNetworkTag: Equatable, Sendable, Codable {
    public var kind: String
    /// The arguments as split on `:`.
    public var items: [String]
    public var positional: [String]
    public var named: [String: String]
    /// The tag as written, for messages.
    public var source: String
}

public enum ExtraNetworkTags {
    /// The prompt with every tag removed (nothing put in its place) and the tags in order.
    public static func extract(from prompt: String) -> (text: String, tags: [ExtraNetworkTag]) {
        let scalars = Array(prompt.unicodeScalars)
        var text = String.UnicodeScalarView()
        var tags: [ExtraNetworkTag] = []
        var position = 0
        while position < scalars.count {
            if scalars[position] == "<", let (tag, end) = tag(in: scalars, at: position) {
                tags.append(tag)
                position = end
            } else {
                text.append(scalars[position])
                position += 1
            }
        }
        return (String(text), tags)
    }

    private static func tag(in scalars: [Unicode.Scalar], at start: Int) -> (ExtraNetworkTag, Int)? {
        var position = start + 1
        while position < scalars.count, PythonCharacterClasses.isWord(scalars[position]) { position += 1 }
        let kindEnd = position
        guard kindEnd > start + 1, position < scalars.count, scalars[position] == ":" else { return nil }
        position += 1
        let argumentsStart = position
        while position < scalars.count, scalars[position] != ">" { position += 1 }
        guard position > argumentsStart, position < scalars.count else { return nil }

        let kind = string(scalars[(start + 1)..<kindEnd])
        let items = string(scalars[argumentsStart..<position])
            .split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        var positional: [String] = []
        var named: [String: String] = [:]
        for item in items {
            // Python's `item.split('=', 2)` has exactly two parts only when there is one `=`.
            let parts = item.split(separator: "=", omittingEmptySubsequences: false)
            if parts.count == 2 {
                named[String(parts[0])] = String(parts[1])
            } else {
                positional.append(item)
            }
        }
        let source = string(scalars[start...position])
        return (ExtraNetworkTag(kind: kind, items: items, positional: positional, named: named, source: source), position + 1)
    }

    private static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }
}
