/// A1111's composable-diffusion split (`get_multicond_prompt_list`): the prompt is cut at the
/// whole word `AND`, and each part may end with `:weight`, which scales its guidance.
enum ComposablePrompt {
    private static let andWord = Array("AND".unicodeScalars)

    /// The parts between whole-word `AND`s.
    static func parts(of prompt: String) -> [String] {
        let scalars = Array(prompt.unicodeScalars)
        var parts: [String] = []
        var partStart = 0
        var position = 0
        while position < scalars.count {
            if PythonCharacterClasses.isWholeWord(andWord, in: scalars, at: position) {
                parts.append(string(scalars[partStart..<position]))
                position += andWord.count
                partStart = position
            } else {
                position += 1
            }
        }
        parts.append(string(scalars[partStart...]))
        return parts
    }

    /// Splits a trailing `\s*:\s*([-+]?(\d+\.?|\d*\.\d+))\s*` off a part, as A1111's lazy
    /// regex does; trailing whitespace goes too. The weight is 1 when there is none.
    static func splitWeight(_ part: String) -> (text: String, weight: Double) {
        let scalars = Array(part.unicodeScalars)
        var end = scalars.count
        while end > 0, PythonCharacterClasses.isSpace(scalars[end - 1]) { end -= 1 }
        let withoutWeight = (string(scalars[..<end]), 1.0)
        var numberStart = end
        while numberStart > 0, scalars[numberStart - 1] == "." || PythonCharacterClasses.isDigit(scalars[numberStart - 1]) {
            numberStart -= 1
        }
        let number = scalars[numberStart..<end]
        guard isUnsignedNumber(number) else { return withoutWeight }
        var colon = numberStart
        if colon > 0, scalars[colon - 1] == "+" || scalars[colon - 1] == "-" { colon -= 1 }
        let signedNumber = scalars[colon..<end]
        while colon > 0, PythonCharacterClasses.isSpace(scalars[colon - 1]) { colon -= 1 }
        guard colon > 0, scalars[colon - 1] == ":", let weight = PythonCharacterClasses.float(signedNumber) else {
            return withoutWeight
        }
        var textEnd = colon - 1
        while textEnd > 0, PythonCharacterClasses.isSpace(scalars[textEnd - 1]) { textEnd -= 1 }
        return (string(scalars[..<textEnd]), weight)
    }

    /// `\d+\.?|\d*\.\d+`: digits with at most one dot, and at least one digit.
    private static func isUnsignedNumber(_ scalars: ArraySlice<Unicode.Scalar>) -> Bool {
        let dots = scalars.filter { $0 == "." }.count
        return dots <= 1 && scalars.count > dots
    }

    private static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }
}
