/// Character classes of Python's `re` on `str` (A1111's prompt regexes run there), so the
/// hand-written scanners split exactly where A1111's regexes do.
enum PythonCharacterClasses {
    /// `\s`: the characters for which `str.isspace()` is true.
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }

    /// `\w`: letters, numbers (anything with a numeric value) and the underscore.
    static func isWord(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == "_" { return true }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return scalar.properties.numericType != nil
        }
    }

    /// `\d`: decimal digits of any script.
    static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .decimalNumber
    }

    /// Python's `float()` of a string matched by `[+-]?[.\d]+`, which accepts digits of any
    /// script; nil where Python raises.
    static func float(_ scalars: some Collection<Unicode.Scalar>) -> Double? {
        var ascii = ""
        for scalar in scalars {
            if isDigit(scalar), let value = scalar.properties.numericValue {
                ascii += String(Int(value))
            } else {
                ascii.unicodeScalars.append(scalar)
            }
        }
        return Double(ascii)
    }

    /// Whether a whole word (`\bWORD\b`) starts at `start`.
    static func isWholeWord(_ word: [Unicode.Scalar], in text: [Unicode.Scalar], at start: Int) -> Bool {
        let end = start + word.count
        guard end <= text.count, text[start..<end].elementsEqual(word) else { return false }
        let boundaryBefore = start == 0 || !isWord(text[start - 1])
        let boundaryAfter = end == text.count || !isWord(text[end])
        return boundaryBefore && boundaryAfter
    }
}
