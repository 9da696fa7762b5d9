/// A1111's emphasis parser (`parse_prompt_attention`), written as a scanner over the tokens of
/// its regex: escapes `\( \) \[ \] \\` (a lone `\` vanishes), `(`, `[`, `:weight)`, `)`, `]`,
/// runs of other text, and a lone `:`. `(..)` scales by 1.1, `[..]` by 1/1.1, `(..:w)` by w;
/// unclosed brackets scale to the end; closers without an opener are text. Text runs are split
/// at `\s*\bBREAK\b\s*`. Adjacent fragments with equal weights are merged.
public enum AttentionParser {
    static let roundMultiplier = 1.1
    static let squareMultiplier = 1 / 1.1
    private static let breakWord = Array("BREAK".unicodeScalars)

    public static func parse(_ text: String) throws(PromptingError) -> [WeightedFragment] {
        let scalars = Array(text.unicodeScalars)
        var fragments: [WeightedFragment] = []
        var openRound: [Int] = []
        var openSquare: [Int] = []

        func scale(from start: Int, by factor: Double) {
            for index in start..<fragments.count { fragments[index].weight *= factor }
        }

        var position = 0
        while position < scalars.count {
            let scalar = scalars[position]
            let next = position + 1 < scalars.count ? scalars[position + 1] : nil
            switch scalar {
            case "\\":
                if let next, "()[]\\".unicodeScalars.contains(next) {
                    fragments.append(WeightedFragment(text: String(next), weight: 1))
                    position += 2
                } else {
                    fragments.append(WeightedFragment(text: "", weight: 1))
                    position += 1
                }
            case "(":
                openRound.append(fragments.count)
                position += 1
            case "[":
                openSquare.append(fragments.count)
                position += 1
            case ":":
                let weightMatch = explicitWeight(in: scalars, at: position)
                if let (weightText, end) = weightMatch, let start = openRound.popLast() {
                    guard let weight = PythonCharacterClasses.float(weightText) else {
                        throw .invalidEmphasisWeight(prompt: text, weight: String(String.UnicodeScalarView(weightText)))
                    }
                    scale(from: start, by: weight)
                    position = end
                } else {
                    let end = weightMatch?.end ?? position + 1
                    appendText(scalars[position..<end], to: &fragments)
                    position = end
                }
            case ")" where !openRound.isEmpty:
                scale(from: openRound.removeLast(), by: roundMultiplier)
                position += 1
            case "]" where !openSquare.isEmpty:
                scale(from: openSquare.removeLast(), by: squareMultiplier)
                position += 1
            case ")", "]":
                appendText(scalars[position..<(position + 1)], to: &fragments)
                position += 1
            default:
                var end = position
                while end < scalars.count, !"\\()[]:".unicodeScalars.contains(scalars[end]) { end += 1 }
                appendText(scalars[position..<end], to: &fragments)
                position = end
            }
        }
        for start in openRound { scale(from: start, by: roundMultiplier) }
        for start in openSquare { scale(from: start, by: squareMultiplier) }
        return merged(fragments.isEmpty ? [WeightedFragment(text: "", weight: 1)] : fragments)
    }

    /// Matches `:\s*([+-]?[.\d]+)\s*\)` at `start`: the weight's scalars and the match end.
    private static func explicitWeight(
        in scalars: [Unicode.Scalar], at start: Int
    ) -> (weight: ArraySlice<Unicode.Scalar>, end: Int)? {
        var position = start + 1
        while position < scalars.count, PythonCharacterClasses.isSpace(scalars[position]) { position += 1 }
        let weightStart = position
        if position < scalars.count, scalars[position] == "+" || scalars[position] == "-" { position += 1 }
        let digitsStart = position
        while position < scalars.count, scalars[position] == "." || PythonCharacterClasses.isDigit(scalars[position]) {
            position += 1
        }
        guard position > digitsStart else { return nil }
        let weightEnd = position
        while position < scalars.count, PythonCharacterClasses.isSpace(scalars[position]) { position += 1 }
        guard position < scalars.count, scalars[position] == ")" else { return nil }
        return (scalars[weightStart..<weightEnd], position + 1)
    }

    /// Appends a text run, split at whole-word `BREAK`s (with the whitespace around them).
    private static func appendText(_ run: ArraySlice<Unicode.Scalar>, to fragments: inout [WeightedFragment]) {
        let scalars = Array(run)
        var partStart = 0
        var position = 0
        while position < scalars.count {
            guard PythonCharacterClasses.isWholeWord(breakWord, in: scalars, at: position) else {
                position += 1
                continue
            }
            var matchStart = position
            while matchStart > partStart, PythonCharacterClasses.isSpace(scalars[matchStart - 1]) { matchStart -= 1 }
            var matchEnd = position + breakWord.count
            while matchEnd < scalars.count, PythonCharacterClasses.isSpace(scalars[matchEnd]) { matchEnd += 1 }
            fragments.append(WeightedFragment(text: string(scalars[partStart..<matchStart]), weight: 1))
            fragments.append(.breakMarker)
            partStart = matchEnd
            position = matchEnd
        }
        fragments.append(WeightedFragment(text: string(scalars[partStart...]), weight: 1))
    }

    private static func merged(_ fragments: [WeightedFragment]) -> [WeightedFragment] {
        var result: [WeightedFragment] = []
        for fragment in fragments {
            if let last = result.last, last.weight == fragment.weight {
                result[result.count - 1].text += fragment.text
            } else {
                result.append(fragment)
            }
        }
        return result
    }

    private static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }
}
