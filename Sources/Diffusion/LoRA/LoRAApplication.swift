import Checkpoint

/// One LoRA of a request: a parsed file and its two strengths (A1111's `<lora:name:te:unet>`,
/// ComfyUI's `strength_clip` / `strength_model`).
public struct LoRAApplication: Sendable {
    /// What identifies the file's content, for example its path with size and modification
    /// time, or its hash. Two applications with equal identity and strengths patch equally.
    public let identity: String
    public let file: LoRAFile
    public let unetStrength: Float
    public let textEncoderStrength: Float

    public init(identity: String, file: LoRAFile, unetStrength: Float, textEncoderStrength: Float) {
        self.identity = identity
        self.file = file
        self.unetStrength = unetStrength
        self.textEncoderStrength = textEncoderStrength
    }

    /// The strength for a patch of `targetKey`: UNet weights take the UNet strength, text
    /// encoder weights the text-encoder strength.
    public func strength(for targetKey: String) -> Float {
        targetKey.hasPrefix(CanonicalPrefix.unet) ? unetStrength : textEncoderStrength
    }

    var fingerprint: LoRASetFingerprint.Entry {
        .init(identity: identity, unetStrength: unetStrength, textEncoderStrength: textEncoderStrength)
    }
}

/// A LoRA set as the switching logic compares it: file identities and strengths, in order.
public struct LoRASetFingerprint: Hashable, Sendable {
    public struct Entry: Hashable, Sendable {
        public let identity: String
        public let unetStrength: Float
        public let textEncoderStrength: Float
    }

    public let entries: [Entry]

    public init(_ applications: [LoRAApplication]) {
        entries = applications.map(\.fingerprint)
    }

    public static let none = LoRASetFingerprint([])
}
