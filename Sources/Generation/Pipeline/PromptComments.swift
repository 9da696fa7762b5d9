import Foundation

/// A1111's prompt comments (`enable_prompt_comments`, `processing_scripts/comments.py`): a
/// line starting with `#` goes with its line break, and from any other `#` to the end of its
/// line is removed; each removal leaves one line break, as A1111's two substitutions do.
public enum PromptComments {
    public static func strip(_ text: String) -> String {
        guard text.contains("#") else { return text }
        let wholeLines = text.replacingOccurrences(of: "(^|\n)#[^\n]*(\n|$)", with: "\n", options: .regularExpression)
        return wholeLines.replacingOccurrences(of: "#[^\n]*(\n|$)", with: "\n", options: .regularExpression)
    }
}
