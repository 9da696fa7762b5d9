/// lark's `common.SIGNED_NUMBER`: `["+"|"-"] (INT exponent | DECIMAL exponent?)` or a plain
/// `INT`, where `DECIMAL` is `INT "." INT?` or `"." INT` and digits are ASCII.
enum SignedNumber {
    /// End of the longest number starting at `start`, or nil if none starts there.
    static func end(in scalars: [Unicode.Scalar], from start: Int) -> Int? {
        var position = start
        if position < scalars.count, scalars[position] == "+" || scalars[position] == "-" { position += 1 }
        let integerEnd = digitsEnd(in: scalars, from: position)
        var end = integerEnd
        if end < scalars.count, scalars[end] == "." {
            let fractionEnd = digitsEnd(in: scalars, from: end + 1)
            if integerEnd > position || fractionEnd > end + 1 { end = fractionEnd }
        }
        guard end > position else { return nil }
        return exponentEnd(in: scalars, from: end) ?? end
    }

    private static func exponentEnd(in scalars: [Unicode.Scalar], from start: Int) -> Int? {
        guard start < scalars.count, scalars[start] == "e" || scalars[start] == "E" else { return nil }
        var position = start + 1
        if position < scalars.count, scalars[position] == "+" || scalars[position] == "-" { position += 1 }
        let end = digitsEnd(in: scalars, from: position)
        return end > position ? end : nil
    }

    private static func digitsEnd(in scalars: [Unicode.Scalar], from start: Int) -> Int {
        var position = start
        while position < scalars.count, ("0"..."9").contains(scalars[position]) { position += 1 }
        return position
    }
}
