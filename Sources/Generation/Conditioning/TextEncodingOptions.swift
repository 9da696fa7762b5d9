/// The AUTOMATIC1111 settings that change how prompts become conditioning.
public struct TextEncodingOptions: Sendable, Equatable {
    /// `CLIP_stop_at_last_layers` (the request field `clip_skip` of the ComfyUI-based server):
    /// 1 uses the last layer, n the n-th from the end. See `A1111LayerRules` for where it applies.
    public var clipSkip: Int
    /// `sdxl_clip_l_skip`: apply `clipSkip` to SDXL's CLIP-L as well.
    public var sdxlClipLSkip: Bool
    /// `emphasis`.
    public var emphasis: EmphasisMode
    /// `comma_padding_backtrack`.
    public var commaBacktrack: Int

    /// A1111's clip skip from a request's `clip_skip` or `CLIP_stop_at_last_layers` value, also
    /// accepting ComfyUI's negative layer index (−1 = last layer, −2 = penultimate); 0 means 1.
    public static func clipSkip(fromRequestValue value: Int) -> Int {
        max(1, Int(clamping: value.magnitude))
    }

    public init(clipSkip: Int = 1, sdxlClipLSkip: Bool = false, emphasis: EmphasisMode = .original, commaBacktrack: Int = 20) {
        self.clipSkip = clipSkip
        self.sdxlClipLSkip = sdxlClipLSkip
        self.emphasis = emphasis
        self.commaBacktrack = commaBacktrack
    }
}

/// A1111's `emphasis` setting (`sd_emphasis.py`), by its option value.
public enum EmphasisMode: String, Sendable, CaseIterable, Codable {
    /// Weights multiply the hidden states, then the mean is restored.
    case original = "Original"
    /// Weights multiply the hidden states; no mean restoration.
    case noNorm = "No norm"
    /// Brackets are parsed (and removed) but weights are not applied.
    case ignore = "Ignore"
    /// Brackets and BREAK are plain text.
    case none = "None"

    /// Whether the prompt text is parsed for emphasis brackets and BREAK.
    public var parsesBrackets: Bool { self != .none }
}
