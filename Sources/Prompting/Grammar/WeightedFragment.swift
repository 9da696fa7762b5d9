/// A run of prompt text with its emphasis weight, as A1111's `parse_prompt_attention` returns.
/// A `BREAK` is the fragment `("BREAK", -1)`; like A1111, brackets around it scale that weight
/// too, and then it no longer counts as a break (it is tokenized as the word).
public struct WeightedFragment: Equatable, Sendable, Codable {
    public var text: String
    public var weight: Double

    public init(text: String, weight: Double) {
        self.text = text
        self.weight = weight
    }

    static let breakMarker = WeightedFragment(text: "BREAK", weight: -1)

    public var isBreak: Bool { self == Self.breakMarker }
}
