/// A key prefix with numeric placeholders: `"down_blocks.#.resnets.#."` matches
/// `"down_blocks.1.resnets.0.conv1.weight"` capturing [1, 0] and the rest `"conv1.weight"`.
struct KeyPattern: Sendable {
    private let literals: [String]

    init(_ pattern: String) {
        literals = pattern.split(separator: "#", omittingEmptySubsequences: false).map(String.init)
    }

    func match(_ key: String) -> (numbers: [Int], rest: String)? {
        var rest = Substring(key)
        var numbers: [Int] = []
        for (index, literal) in literals.enumerated() {
            guard rest.hasPrefix(literal) else { return nil }
            rest = rest.dropFirst(literal.count)
            if index == literals.count - 1 { break }
            let digits = rest.prefix(while: { $0.isASCII && $0.isNumber })
            guard !digits.isEmpty, digits.count < 10, let number = Int(digits) else { return nil }
            numbers.append(number)
            rest = rest.dropFirst(digits.count)
        }
        return (numbers, String(rest))
    }
}

/// A rename applied to the start of a key: prefix `from` becomes `to`.
struct PrefixRename: Sendable {
    let from: String
    let to: String

    init(_ from: String, _ to: String) {
        self.from = from
        self.to = to
    }

    /// Applies the first matching rename of `table`, or nil when none matches.
    static func apply(_ table: [PrefixRename], to key: String) -> String? {
        for rule in table where key.hasPrefix(rule.from) {
            return rule.to + key.dropFirst(rule.from.count)
        }
        return nil
    }
}
