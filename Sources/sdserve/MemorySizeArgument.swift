import Foundation

/// A size on the command line: bytes, or a number with a binary suffix (`K`, `M`, `G`, `T`,
/// optionally followed by `iB` or `B`), as in `--model-memory-budget 12G`. `none` means no limit.
enum MemorySizeArgument {
    /// nil for `none`; throws a message naming the accepted forms.
    static func parse(_ text: String) throws(MemorySizeError) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.lowercased() == "none" { return nil }
        var digits = trimmed.uppercased()
        for suffix in ["IB", "B"] where digits.hasSuffix(suffix) { digits.removeLast(suffix.count) }
        let shifts: [Character: Int] = ["K": 10, "M": 20, "G": 30, "T": 40]
        var shift = 0
        if let last = digits.last, let value = shifts[last] {
            shift = value
            digits.removeLast()
        }
        guard let number = Double(digits), number > 0, number.isFinite,
              number * Double(1 << shift) < Double(Int.max) else { throw MemorySizeError(text: text) }
        return Int(number * Double(1 << shift))
    }
}

struct MemorySizeError: Error, CustomStringConvertible {
    let text: String
    var description: String {
        "'\(text)' is not a memory size: give bytes or a number with K, M, G or T (e.g. 12G, 512M), or 'none'"
    }
}
