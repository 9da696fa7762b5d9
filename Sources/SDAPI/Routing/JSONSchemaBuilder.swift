import Generation

/// Small helpers for writing the JSON Schemas of answers in `/openapi.json`.
enum Schema {
    static let string: JSONValue = ["type": "string"]
    static let integer: JSONValue = ["type": "integer"]
    static let number: JSONValue = ["type": "number"]
    static let boolean: JSONValue = ["type": "boolean"]
    static let null: JSONValue = ["nullable": true]
    static let anyObject: JSONValue = ["type": "object", "additionalProperties": true]

    static func object(_ title: String, _ properties: [(String, JSONValue)]) -> JSONValue {
        ["title": .string(title), "type": "object",
         "properties": .object(properties.map { (key: $0.0, value: $0.1) })]
    }

    static func array(_ items: JSONValue) -> JSONValue { ["type": "array", "items": items] }

    static func nullable(_ schema: JSONValue) -> JSONValue { schema.adding("nullable", true) }

    static func map(_ values: JSONValue) -> JSONValue { ["type": "object", "additionalProperties": values] }
}
