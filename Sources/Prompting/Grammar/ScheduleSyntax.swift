/// A prompt as A1111's scheduling grammar sees it. Emphasis brackets, stray brackets and
/// whitespace are plain text here; only edits and alternations change with the step.
enum ScheduleNode: Equatable, Sendable {
    case text(String)
    /// `[before:after:when]`; `before` is nil for `[after:when]`. `when` is the number as written.
    case edit(before: [ScheduleNode]?, after: [ScheduleNode], when: String)
    /// `[a|b|...]`; an empty option is an empty list.
    case alternation([[ScheduleNode]])
}
