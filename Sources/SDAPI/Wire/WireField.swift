import Generation

/// One JSON field of a wire type: its A1111 name, how to read it into the Swift value (with
/// pydantic's coercions and any value constraint), how to write it back, and its schema.
/// A wire type lists its fields once; decoding, the `parameters` echo, `/options`,
/// `/openapi.json` and `/docs` all read that list.
public struct WireField<Root>: Sendable {
    public let name: String
    public let schema: JSONValue
    let read: @Sendable (JSONValue, inout Root) throws(FieldIssue) -> Void
    let write: @Sendable (Root) -> JSONValue

    /// A field stored at `keyPath`; `constraint` returns an issue for a well-typed but
    /// unacceptable value. `null` keeps the current value unless the type is optional.
    public static func field<Value: WireValue>(
        _ name: String, _ keyPath: WritableKeyPath<Root, Value> & Sendable,
        constraint: WireConstraint<Value> = .none
    ) -> WireField {
        WireField(
            name: name,
            schema: constraint.annotate(Value.schema),
            read: { json, root throws(FieldIssue) in
                if case .null = json, !Value.acceptsNull { return }
                let value = try Value.fromWire(json)
                if let issue = constraint.check(value) { throw issue }
                root[keyPath: keyPath] = value
            },
            write: { root in root[keyPath: keyPath].wireValue })
    }

    /// This field as a field of a larger type that holds `Root` at `keyPath`.
    public func lifted<Parent>(to keyPath: WritableKeyPath<Parent, Root> & Sendable) -> WireField<Parent> {
        let read = self.read
        let write = self.write
        return WireField<Parent>(
            name: name, schema: schema,
            read: { json, parent throws(FieldIssue) in try read(json, &parent[keyPath: keyPath]) },
            write: { parent in write(parent[keyPath: keyPath]) })
    }
}

/// A value rule beyond the type, with pydantic v1's messages.
public struct WireConstraint<Value>: Sendable {
    let check: @Sendable (Value) -> FieldIssue?
    let annotate: @Sendable (JSONValue) -> JSONValue

    public static var none: WireConstraint { WireConstraint(check: { _ in nil }, annotate: { $0 }) }

    /// One of `choices` (compared as given).
    public static func oneOf(_ choices: [String]) -> WireConstraint where Value == String {
        WireConstraint(
            check: { value in
                choices.contains(value) ? nil : FieldIssue(
                    message: "value is not a valid enumeration member; permitted: "
                        + choices.map { "'\($0)'" }.joined(separator: ", "),
                    type: "type_error.enum", context: ["enum_values": .array(choices.map(JSONValue.string))])
            },
            annotate: { $0.adding("enum", .array(choices.map(JSONValue.string))) })
    }
}

extension WireConstraint where Value: Comparable & WireValue & Sendable {
    /// At least `minimum` and at most `maximum` (either may be omitted).
    public static func within(_ minimum: Value? = nil, _ maximum: Value? = nil) -> WireConstraint {
        WireConstraint(
            check: { value in
                if let minimum, value < minimum {
                    return FieldIssue(message: "ensure this value is greater than or equal to \(minimum.wireValue.jsonText)",
                                      type: "value_error.number.not_ge", context: ["limit_value": minimum.wireValue])
                }
                if let maximum, value > maximum {
                    return FieldIssue(message: "ensure this value is less than or equal to \(maximum.wireValue.jsonText)",
                                      type: "value_error.number.not_le", context: ["limit_value": maximum.wireValue])
                }
                return nil
            },
            annotate: { schema in
                var schema = schema
                if let minimum { schema = schema.adding("minimum", minimum.wireValue) }
                if let maximum { schema = schema.adding("maximum", maximum.wireValue) }
                return schema
            })
    }
}

extension WireConstraint {
    /// `within` for an optional field: nil is always accepted.
    public static func within<Wrapped: Comparable & WireValue>(_ minimum: Wrapped? = nil, _ maximum: Wrapped? = nil)
        -> WireConstraint where Value == Wrapped?
    {
        let inner = WireConstraint<Wrapped>.within(minimum, maximum)
        return WireConstraint(check: { value in value.flatMap(inner.check) }, annotate: inner.annotate)
    }
}

/// A wire type: a value with A1111's defaults (`init()`) and its list of fields.
public protocol WireModel: Sendable {
    init()
    static var fields: [WireField<Self>] { get }
    /// Name of the type in `/openapi.json` (A1111's pydantic class name).
    static var schemaName: String { get }
}

extension WireModel {
    /// Reads a JSON object: known fields are coerced and checked, unknown ones ignored (as
    /// pydantic does). Every bad field is reported, located under `location`.
    public static func decode(_ json: JSONValue, location: [JSONValue] = ["body"]) throws(RequestValidationError) -> Self {
        var model = Self()
        try model.apply(json, location: location)
        return model
    }

    /// Sets the fields present in `json` on this value, leaving the others as they are.
    public mutating func apply(_ json: JSONValue, location: [JSONValue] = ["body"]) throws(RequestValidationError) {
        guard let entries = json.objectEntries else {
            throw RequestValidationError([ValidationIssue(location: location, message: "value is not a valid dict",
                                                          type: "type_error.dict")])
        }
        var issues: [ValidationIssue] = []
        var updated = self
        for field in Self.fields {
            guard let value = entries.last(where: { $0.key == field.name })?.value else { continue }
            do throws(FieldIssue) {
                try field.read(value, &updated)
            } catch {
                issues.append(ValidationIssue(location: location + [.string(field.name)] + error.path,
                                              message: error.message, type: error.type, context: error.context))
            }
        }
        guard issues.isEmpty else { throw RequestValidationError(issues) }
        self = updated
    }

    /// Every field with its current value, in declaration order.
    public var wireObject: JSONValue { .object(Self.fields.map { (key: $0.name, value: $0.write(self)) }) }

    /// JSON Schema of the type, with each field's default.
    public static var schema: JSONValue {
        let defaults = Self()
        let properties = fields.map { field -> (key: String, value: JSONValue) in
            (key: field.name, value: field.schema.adding("default", field.write(defaults)))
        }
        return ["title": .string(schemaName), "type": "object", "properties": .object(properties)]
    }

    /// Whether `name` is one of this type's fields.
    public static func hasField(_ name: String) -> Bool { fields.contains { $0.name == name } }
}
