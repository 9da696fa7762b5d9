import Foundation
import Generation

/// A field problem found while reading a value, relative to the field (`path` is empty for the
/// value itself, `[2]` for the third element of a list).
public struct FieldIssue: Error, Sendable, Equatable {
    public var message: String
    public var type: String
    public var context: JSONValue?
    public var path: [JSONValue] = []

    public init(message: String, type: String, context: JSONValue? = nil) {
        self.message = message
        self.type = type
        self.context = context
    }
}

/// A Swift value that travels as JSON with pydantic v1's coercions: `"20"` reads as the int 20,
/// `7` as the float 7.0, `1.9` as the int 1, `"yes"` as true, a number as its text.
public protocol WireValue: Sendable {
    static func fromWire(_ value: JSONValue) throws(FieldIssue) -> Self
    var wireValue: JSONValue { get }
    /// The JSON Schema of the value (for `/openapi.json`).
    static var schema: JSONValue { get }
    /// Whether JSON `null` is a value of this type (otherwise `null` keeps the default).
    static var acceptsNull: Bool { get }
}

extension WireValue {
    public static var acceptsNull: Bool { false }
}

extension Int: WireValue {
    public static func fromWire(_ value: JSONValue) throws(FieldIssue) -> Int {
        switch value {
        case .int(let number): return number
        case .bool(let flag): return flag ? 1 : 0
        case .double(let number) where number.isFinite && abs(number) < 9e18: return Int(number)
        case .string(let text):
            if let number = Int(text.trimmingCharacters(in: .whitespaces)) { return number }
        default: break
        }
        throw FieldIssue(message: "value is not a valid integer", type: "type_error.integer")
    }
    public var wireValue: JSONValue { .int(self) }
    public static var schema: JSONValue { ["type": "integer"] }
}

extension Double: WireValue {
    public static func fromWire(_ value: JSONValue) throws(FieldIssue) -> Double {
        switch value {
        case .int(let number): return Double(number)
        case .double(let number): return number
        case .bool(let flag): return flag ? 1 : 0
        case .string(let text):
            if let number = Double(text.trimmingCharacters(in: .whitespaces)) { return number }
        default: break
        }
        throw FieldIssue(message: "value is not a valid float", type: "type_error.float")
    }
    public var wireValue: JSONValue { .double(self) }
    public static var schema: JSONValue { ["type": "number"] }
}

extension Bool: WireValue {
    public static func fromWire(_ value: JSONValue) throws(FieldIssue) -> Bool {
        switch value {
        case .bool(let flag): return flag
        case .int(let number) where number == 0 || number == 1: return number == 1
        case .double(let number) where number == 0 || number == 1: return number == 1
        case .string(let text):
            switch text.lowercased() {
            case "1", "on", "t", "true", "y", "yes": return true
            case "0", "off", "f", "false", "n", "no": return false
            default: break
            }
        default: break
        }
        throw FieldIssue(message: "value could not be parsed to a boolean", type: "type_error.bool")
    }
    public var wireValue: JSONValue { .bool(self) }
    public static var schema: JSONValue { ["type": "boolean"] }
}

extension String: WireValue {
    public static func fromWire(_ value: JSONValue) throws(FieldIssue) -> String {
        switch value {
        case .string(let text): return text
        case .int(let number): return String(number)
        case .double(let number): return JSONValue.pythonFloatText(number)
        case .bool(let flag): return flag ? "True" : "False"
        default: throw FieldIssue(message: "str type expected", type: "type_error.str")
        }
    }
    public var wireValue: JSONValue { .string(self) }
    public static var schema: JSONValue { ["type": "string"] }
}

extension Optional: WireValue where Wrapped: WireValue {
    public static func fromWire(_ value: JSONValue) throws(FieldIssue) -> Wrapped? {
        if case .null = value { return nil }
        return try Wrapped.fromWire(value)
    }
    public var wireValue: JSONValue { self?.wireValue ?? .null }
    public static var schema: JSONValue { Wrapped.schema.adding("nullable", true) }
    public static var acceptsNull: Bool { true }
}

extension Array: WireValue where Element: WireValue {
    public static func fromWire(_ value: JSONValue) throws(FieldIssue) -> [Element] {
        guard let elements = value.arrayElements else {
            throw FieldIssue(message: "value is not a valid list", type: "type_error.list")
        }
        var result: [Element] = []
        for (index, element) in elements.enumerated() {
            do throws(FieldIssue) {
                result.append(try Element.fromWire(element))
            } catch {
                var issue = error
                issue.path.insert(.int(index), at: 0)
                throw issue
            }
        }
        return result
    }
    public var wireValue: JSONValue { .array(map(\.wireValue)) }
    public static var schema: JSONValue { ["type": "array", "items": Element.schema] }
}

/// Any JSON value, taken as it comes (script arguments and the like).
extension JSONValue: WireValue {
    public static func fromWire(_ value: JSONValue) throws(FieldIssue) -> JSONValue { value }
    public var wireValue: JSONValue { self }
    public static var schema: JSONValue { [:] }
    public static var acceptsNull: Bool { true }
}

/// A JSON object with any keys, in order (`override_settings`, `alwayson_scripts`).
public struct WireObject: WireValue, Equatable {
    public var entries: [(key: String, value: JSONValue)]

    public init(_ entries: [(key: String, value: JSONValue)] = []) { self.entries = entries }

    public static func == (lhs: WireObject, rhs: WireObject) -> Bool { JSONValue.object(lhs.entries) == .object(rhs.entries) }

    public static func fromWire(_ value: JSONValue) throws(FieldIssue) -> WireObject {
        guard let entries = value.objectEntries else {
            throw FieldIssue(message: "value is not a valid dict", type: "type_error.dict")
        }
        return WireObject(entries)
    }
    public var wireValue: JSONValue { .object(entries) }
    public static var schema: JSONValue { ["type": "object", "additionalProperties": true] }
}

extension JSONValue {
    /// This object with `key` set to `value` (appended, or replaced in place).
    func adding(_ key: String, _ value: JSONValue) -> JSONValue {
        var entries = objectEntries ?? []
        if let index = entries.firstIndex(where: { $0.key == key }) {
            entries[index].value = value
        } else {
            entries.append((key: key, value: value))
        }
        return .object(entries)
    }
}
