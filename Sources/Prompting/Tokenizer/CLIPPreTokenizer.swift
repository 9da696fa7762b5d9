import Foundation

/// Text cleanup and CLIP's word split, as transformers' `CLIPTokenizer` does them: NFC,
/// per-character full lower-casing (no final-sigma rule), then the pattern
/// `<\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+`
/// applied left to right, dropping whitespace (the Unicode White_Space property).
enum CLIPPreTokenizer {
    static let contractions: [[Unicode.Scalar]] = ["s", "t", "re", "ve", "m", "ll", "d"].map { Array($0.unicodeScalars) }
    /// Special-token spellings that appear only after lower-casing (exact spellings are caught
    /// earlier). The byte-level stage re-splits such a piece GPT-2 style into `<|`, the name, `|>`.
    static let specialSpellings: [[Unicode.Scalar]] = ["<|startoftext|>", "<|endoftext|>"].map { Array($0.unicodeScalars) }

    static func pieces(of text: String) -> [String] {
        var scalars: [Unicode.Scalar] = []
        for scalar in text.precomposedStringWithCanonicalMapping.unicodeScalars {
            scalars.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
        }
        var pieces: [String] = []
        var position = 0
        while position < scalars.count {
            let length = matchLength(in: scalars, at: position)
            if length == 0 {
                position += 1
                continue
            }
            let piece = scalars[position..<(position + length)]
            if specialSpellings.contains(where: { $0.elementsEqual(piece) }) {
                pieces += ["<|", string(piece.dropFirst(2).dropLast(2)), "|>"]
            } else {
                pieces.append(string(piece))
            }
            position += length
        }
        return pieces
    }

    /// Length of the pattern's match starting at `start`, or 0 where nothing matches (whitespace).
    private static func matchLength(in scalars: [Unicode.Scalar], at start: Int) -> Int {
        let first = scalars[start]
        if isSpace(first) { return 0 }
        let rest = scalars[start...]
        if let special = specialSpellings.first(where: { rest.starts(with: $0) }) { return special.count }
        if first == "'", let suffix = contractions.first(where: { rest.dropFirst().starts(with: $0) }) {
            return suffix.count + 1
        }
        if isLetter(first) { return runLength(in: scalars, from: start, while: isLetter) }
        if isNumber(first) { return 1 }
        return runLength(in: scalars, from: start) { !isSpace($0) && !isLetter($0) && !isNumber($0) }
    }

    private static func runLength(
        in scalars: [Unicode.Scalar], from start: Int, while belongs: (Unicode.Scalar) -> Bool
    ) -> Int {
        var end = start
        while end < scalars.count, belongs(scalars[end]) { end += 1 }
        return end - start
    }

    private static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }

    static func isSpace(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.isWhitespace }

    static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return false
        }
    }

    static func isNumber(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .decimalNumber, .letterNumber, .otherNumber: return true
        default: return false
        }
    }
}
