import Prompting

/// One LoRA a request asks for by name, before the name is resolved: a prompt tag
/// (`<lora:name:te:unet>`) or an entry of the `loras` request field.
public struct LoRASelection: Sendable, Equatable {
    public var name: String
    public var unetStrength: Double
    public var textEncoderStrength: Double

    public init(name: String, unetStrength: Double, textEncoderStrength: Double) {
        self.name = name
        self.unetStrength = unetStrength
        self.textEncoderStrength = textEncoderStrength
    }

    /// The LoRAs a job runs with: the `loras` field's entries in order, then the prompt's tags
    /// in order (A1111 reads tags from the positive prompt only, after prompt comments are
    /// stripped; `disable_extra_networks` skips them, the field still applies). A prompt that
    /// does not parse gives no tags here; the pipeline reports it.
    public static func requested(
        field: [LoRASelection], prompt: String, settings: Settings, disableExtraNetworks: Bool
    ) -> [LoRASelection] {
        guard !disableExtraNetworks else { return field }
        let text = settings.enablePromptComments ? PromptComments.strip(prompt) : prompt
        let timing = ScheduleTiming(steps: 1, useOldScheduling: settings.useOldScheduling)
        guard let parsed = try? PromptParser.parse(text, role: .positive, timing: timing) else { return field }
        return field + parsed.loras.map {
            LoRASelection(name: $0.name, unetStrength: $0.unetMultiplier, textEncoderStrength: $0.textEncoderMultiplier)
        }
    }
}

/// A LoRA of a job with its file found: what the model cache applies and infotext records.
public struct ResolvedLoRA: Sendable, Equatable {
    /// The name as the request wrote it (infotext's `Lora hashes` key).
    public var mentionedName: String
    public var path: String
    /// Path, size and modification time: equal identities patch equally.
    public var identity: String
    /// A1111's 12-hex-digit LoRA short hash (`LoRAHash`).
    public var shortHash: String
    public var unetStrength: Double
    public var textEncoderStrength: Double

    public init(
        mentionedName: String, path: String, identity: String, shortHash: String, unetStrength: Double,
        textEncoderStrength: Double
    ) {
        self.mentionedName = mentionedName
        self.path = path
        self.identity = identity
        self.shortHash = shortHash
        self.unetStrength = unetStrength
        self.textEncoderStrength = textEncoderStrength
    }

    /// The `Lora hashes` infotext extra for `loras`, empty when there is nothing to record.
    static func infotextExtras(_ loras: [ResolvedLoRA]) -> [(key: String, value: JSONValue)] {
        guard let value = LoRAHash.infotextValue(loras.map { ($0.mentionedName, $0.shortHash) }) else { return [] }
        return [("Lora hashes", .string(value))]
    }
}
