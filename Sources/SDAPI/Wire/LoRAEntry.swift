import Generation

/// One entry of the `loras` request field (the ComfyUI-based original's form):
/// `{"name": "detail", "strength_model": 0.8, "strength_clip": 0.6}`. `name` is required;
/// each strength defaults to 1.0. A wrong type is a 422 naming `loras.<i>.<key>`.
public struct LoRAEntry: WireValue, Equatable {
    public var name: String
    public var strengthModel = 1.0
    public var strengthClip = 1.0

    public init(name: String, strengthModel: Double = 1.0, strengthClip: Double = 1.0) {
        self.name = name
        self.strengthModel = strengthModel
        self.strengthClip = strengthClip
    }

    public static func fromWire(_ value: JSONValue) throws(FieldIssue) -> LoRAEntry {
        guard let entries = value.objectEntries else {
            throw FieldIssue(message: "value is not a valid dict", type: "type_error.dict")
        }
        func read<Value: WireValue>(_ key: String, as type: Value.Type) throws(FieldIssue) -> Value? {
            guard let json = entries.last(where: { $0.key == key })?.value, json != .null else { return nil }
            do throws(FieldIssue) { return try Value.fromWire(json) } catch {
                var issue = error
                issue.path.insert(.string(key), at: 0)
                throw issue
            }
        }
        guard let name = try read("name", as: String.self), !name.isEmpty else {
            var issue = FieldIssue(message: "field required", type: "value_error.missing")
            issue.path = ["name"]
            throw issue
        }
        return LoRAEntry(
            name: name, strengthModel: try read("strength_model", as: Double.self) ?? 1.0,
            strengthClip: try read("strength_clip", as: Double.self) ?? 1.0)
    }

    public var wireValue: JSONValue {
        ["name": .string(name), "strength_model": .double(strengthModel), "strength_clip": .double(strengthClip)]
    }

    public static var schema: JSONValue {
        [
            "title": "LoraEntry", "type": "object", "required": ["name"],
            "properties": [
                "name": ["type": "string"], "strength_model": ["type": "number", "default": 1.0],
                "strength_clip": ["type": "number", "default": 1.0],
            ],
        ]
    }

    /// The entry as the pipeline's selection (model strength on the UNet, clip strength on the
    /// text encoders).
    var selection: LoRASelection {
        LoRASelection(name: name, unetStrength: strengthModel, textEncoderStrength: strengthClip)
    }
}
