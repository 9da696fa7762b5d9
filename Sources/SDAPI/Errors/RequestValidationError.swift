import Generation

/// One field problem in FastAPI/pydantic v1's shape: where (`["body", "steps"]`), what, and
/// pydantic's error type (`type_error.integer`, `value_error.number.not_ge`, ...).
public struct ValidationIssue: Sendable, Equatable {
    public var location: [JSONValue]
    public var message: String
    public var type: String
    public var context: JSONValue?

    public init(location: [JSONValue], message: String, type: String, context: JSONValue? = nil) {
        self.location = location
        self.message = message
        self.type = type
        self.context = context
    }

    var wire: JSONValue {
        var entries: [(key: String, value: JSONValue)] = [
            ("loc", .array(location)), ("msg", .string(message)), ("type", .string(type)),
        ]
        if let context { entries.append(("ctx", context)) }
        return .object(entries)
    }
}

/// A request that failed validation: answered 422 with `{"detail": [issue, ...]}`.
public struct RequestValidationError: Error, Sendable, Equatable, CustomStringConvertible {
    public var issues: [ValidationIssue]

    public init(_ issues: [ValidationIssue]) { self.issues = issues }

    public var body: JSONValue { ["detail": .array(issues.map(\.wire))] }

    public var description: String {
        issues.map { issue in
            "\(issue.location.map { $0.stringValue ?? $0.jsonText }.joined(separator: ".")): \(issue.message)"
        }.joined(separator: "; ")
    }
}
