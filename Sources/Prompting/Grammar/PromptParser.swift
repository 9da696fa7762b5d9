/// Which side of classifier-free guidance a prompt is for. A1111 reads extra-network tags and
/// `AND` only in positive prompts; in a negative prompt they are ordinary text.
public enum PromptRole: Sendable {
    case positive, negative
}

/// A prompt as A1111 understands it before tokenization.
public struct ParsedPrompt: Equatable, Sendable {
    /// The prompt with extra-network tags removed and any trailing `:weight` split off.
    public var text: String
    /// A trailing `:weight` (A1111's composable-diffusion weight), scaling this prompt's guidance.
    public var guidanceWeight: Double
    public var schedule: [ScheduledPrompt]
    public var loras: [LoraRequest]
    public var hypernetworks: [HypernetworkRequest]
    /// Tags of kinds sdserve does not know (A1111 removes and skips them).
    public var otherNetworks: [ExtraNetworkTag]
}

public enum PromptParser {
    /// Extra networks, then `AND` (unsupported with more than one part), then the step schedule.
    public static func parse(_ prompt: String, role: PromptRole = .positive, timing: ScheduleTiming)
        throws(PromptingError) -> ParsedPrompt
    {
        guard role == .positive else {
            return ParsedPrompt(
                text: prompt, guidanceWeight: 1, schedule: PromptScheduler.schedule(prompt, timing: timing),
                loras: [], hypernetworks: [], otherNetworks: [])
        }
        let (withoutTags, tags) = ExtraNetworkTags.extract(from: prompt)
        var loras: [LoraRequest] = []
        var hypernetworks: [HypernetworkRequest] = []
        var others: [ExtraNetworkTag] = []
        for tag in tags {
            switch tag.kind {
            case "lora", "lyco": loras.append(try LoraRequest(tag: tag))
            case "hypernet": hypernetworks.append(try HypernetworkRequest(tag: tag))
            default: others.append(tag)
            }
        }
        let parts = ComposablePrompt.parts(of: withoutTags)
        guard parts.count == 1 else { throw .composableDiffusionUnsupported(prompt: prompt) }
        let (text, weight) = ComposablePrompt.splitWeight(parts[0])
        return ParsedPrompt(
            text: text, guidanceWeight: weight, schedule: PromptScheduler.schedule(text, timing: timing),
            loras: loras, hypernetworks: hypernetworks, otherNetworks: others)
    }
}
