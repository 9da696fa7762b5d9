/// Recursive-descent parser for A1111's scheduling grammar (lark, in `prompt_parser.py`):
///
///     start:       (prompt | /[][():]/+)*
///     prompt:      (emphasized | scheduled | alternate | plain | WHITESPACE)*
///     emphasized:  "(" prompt ")" | "(" prompt ":" prompt ")" | "[" prompt "]"
///     scheduled:   "[" [prompt ":"] prompt ":" [WHITESPACE] NUMBER [WHITESPACE] "]"
///     alternate:   "[" prompt ("|" [prompt])+ "]"
///     plain:       /([^\\\[\]():|]|\\.)+/
///
/// Inside brackets every parse is deterministic; only at the top level may a bracket or colon
/// stand alone, and there a bracket construct that parses is preferred. That is how lark
/// resolves such prompts too, with one known exception: when stray closers or colons follow an
/// edit directly, lark's Earley resolution keeps or drops the edit depending on how many there
/// are (`[x:5])` and `[x:5])))` edit, `[x:5]))` is used verbatim); here the edit always stays.
struct ScheduleParser {
    private let scalars: [Unicode.Scalar]

    /// The parsed prompt, or nil where A1111's parser fails (then the prompt is used verbatim).
    static func parse(_ prompt: String) -> [ScheduleNode]? {
        ScheduleParser(scalars: Array(prompt.unicodeScalars)).parseStart()
    }

    private func parseStart() -> [ScheduleNode]? {
        var nodes: [ScheduleNode] = []
        var position = 0
        while position < scalars.count {
            if let (items, next) = parseItem(at: position) {
                nodes += items
                position = next
            } else if "[]():".unicodeScalars.contains(scalars[position]) {
                nodes.append(.text(String(scalars[position])))
                position += 1
            } else {
                return nil
            }
        }
        return nodes
    }

    /// A possibly empty run of items; stops at the first scalar no item can start with.
    private func parsePrompt(at start: Int) -> ([ScheduleNode], Int) {
        var nodes: [ScheduleNode] = []
        var position = start
        while position < scalars.count, let (items, next) = parseItem(at: position) {
            nodes += items
            position = next
        }
        return (nodes, position)
    }

    private func parseItem(at position: Int) -> ([ScheduleNode], Int)? {
        switch scalars[position] {
        case "(": return parseRound(at: position)
        case "[": return parseSquare(at: position)
        case ")", "]", ":", "|": return nil
        default: return parsePlain(at: position)
        }
    }

    private func parsePlain(at start: Int) -> ([ScheduleNode], Int)? {
        var position = start
        while position < scalars.count {
            let scalar = scalars[position]
            if scalar == "\\" {
                guard position + 1 < scalars.count, scalars[position + 1] != "\n" else { break }
                position += 2
            } else if "[]():|".unicodeScalars.contains(scalar) {
                break
            } else {
                position += 1
            }
        }
        return position > start ? ([.text(string(start..<position))], position) : nil
    }

    /// `(prompt)` or `(prompt:prompt)`, kept as text around the inner nodes.
    private func parseRound(at start: Int) -> ([ScheduleNode], Int)? {
        let (first, afterFirst) = parsePrompt(at: start + 1)
        if scalar(at: afterFirst) == ")" {
            return ([.text("(")] + first + [.text(")")], afterFirst + 1)
        }
        guard scalar(at: afterFirst) == ":" else { return nil }
        let (second, afterSecond) = parsePrompt(at: afterFirst + 1)
        guard scalar(at: afterSecond) == ")" else { return nil }
        return ([.text("(")] + first + [.text(":")] + second + [.text(")")], afterSecond + 1)
    }

    /// `[prompt]` (emphasis, kept as text), an edit, or an alternation.
    private func parseSquare(at start: Int) -> ([ScheduleNode], Int)? {
        let (first, afterFirst) = parsePrompt(at: start + 1)
        switch scalar(at: afterFirst) {
        case "]":
            return ([.text("[")] + first + [.text("]")], afterFirst + 1)
        case "|":
            var options = [first]
            var position = afterFirst
            while scalar(at: position) == "|" {
                let (option, next) = parsePrompt(at: position + 1)
                options.append(option)
                position = next
            }
            guard scalar(at: position) == "]" else { return nil }
            return ([.alternation(options)], position + 1)
        case ":":
            if let (when, end) = parseWhen(at: afterFirst + 1) {
                return ([.edit(before: nil, after: first, when: when)], end)
            }
            let (second, afterSecond) = parsePrompt(at: afterFirst + 1)
            guard scalar(at: afterSecond) == ":", let (when, end) = parseWhen(at: afterSecond + 1) else { return nil }
            return ([.edit(before: first, after: second, when: when)], end)
        default:
            return nil
        }
    }

    /// `[WHITESPACE] NUMBER [WHITESPACE] "]"`; returns the number as written and the end.
    private func parseWhen(at start: Int) -> (String, Int)? {
        var position = skipSpace(from: start)
        let numberStart = position
        guard let numberEnd = SignedNumber.end(in: scalars, from: position) else { return nil }
        position = skipSpace(from: numberEnd)
        guard scalar(at: position) == "]" else { return nil }
        return (string(numberStart..<numberEnd), position + 1)
    }

    private func skipSpace(from start: Int) -> Int {
        var position = start
        while position < scalars.count, PythonCharacterClasses.isSpace(scalars[position]) { position += 1 }
        return position
    }

    private func scalar(at position: Int) -> Unicode.Scalar? {
        position < scalars.count ? scalars[position] : nil
    }

    private func string(_ range: Range<Int>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[range])
        return String(view)
    }
}
