/// A LoRA (or LyCORIS, `<lyco:...>`) asked for in a prompt, with A1111's multipliers:
/// `<lora:name>`, `<lora:name:m>`, `<lora:name:te:unet>`, `<lora:name:te:unet:dyn>` or named
/// `te=`, `unet=`, `dyn=`. The UNet multiplier defaults to the text-encoder one.
public struct LoraRequest: Equatable, Sendable, Codable {
    public var name: String
    public var textEncoderMultiplier: Double
    public var unetMultiplier: Double
    public var dynamicDim: Int?

    public init(name: String, textEncoderMultiplier: Double, unetMultiplier: Double, dynamicDim: Int? = nil) {
        self.name = name
        self.textEncoderMultiplier = textEncoderMultiplier
        self.unetMultiplier = unetMultiplier
        self.dynamicDim = dynamicDim
    }

    init(tag: ExtraNetworkTag) throws(PromptingError) {
        let positional = tag.positional
        var te = try positional.count > 1 ? Self.number(positional[1], tag) : 1.0
        if let value = tag.named["te"] { te = try Self.number(value, tag) }
        var unet = try positional.count > 2 ? Self.number(positional[2], tag) : te
        if let value = tag.named["unet"] { unet = try Self.number(value, tag) }
        var dyn = try positional.count > 3 ? Self.integer(positional[3], tag) : nil
        if let value = tag.named["dyn"] { dyn = try Self.integer(value, tag) }
        self.init(name: positional.first ?? "", textEncoderMultiplier: te, unetMultiplier: unet, dynamicDim: dyn)
    }

    static func number(_ text: String, _ tag: ExtraNetworkTag) throws(PromptingError) -> Double {
        guard let value = Double(text.trimmingPythonSpace()) else {
            throw .invalidExtraNetworkArgument(tag: tag.source, argument: text)
        }
        return value
    }

    private static func integer(_ text: String, _ tag: ExtraNetworkTag) throws(PromptingError) -> Int {
        guard let value = Int(text.trimmingPythonSpace()) else {
            throw .invalidExtraNetworkArgument(tag: tag.source, argument: text)
        }
        return value
    }
}

/// A hypernetwork asked for with `<hypernet:name:m>` (multiplier 1 when omitted).
public struct HypernetworkRequest: Equatable, Sendable, Codable {
    public var name: String
    public var multiplier: Double

    public init(name: String, multiplier: Double) {
        self.name = name
        self.multiplier = multiplier
    }

    init(tag: ExtraNetworkTag) throws(PromptingError) {
        // A1111 reads the raw items here, named or not.
        let items = tag.items
        let multiplier = try items.count > 1 ? LoraRequest.number(items[1], tag) : 1.0
        self.init(name: items.first ?? "", multiplier: multiplier)
    }
}

extension String {
    func trimmingPythonSpace() -> String {
        let scalars = Array(unicodeScalars)
        guard let first = scalars.firstIndex(where: { !PythonCharacterClasses.isSpace($0) }),
              let last = scalars.lastIndex(where: { !PythonCharacterClasses.isSpace($0) }) else { return "" }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[first...last])
        return String(view)
    }
}
