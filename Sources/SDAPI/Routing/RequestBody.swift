import Generation
import Hummingbird

/// Reads request bodies as JSON the way FastAPI does, answering its 422 shapes.
enum RequestBody {
    /// Largest body accepted (base64 images make bodies large).
    static let maxBytes = 256 << 20

    /// The body parsed as JSON; an empty body is "field required", bad JSON a `jsondecode` error.
    static func json(_ request: Request, context: APIRequestContext) async throws -> JSONValue {
        var request = request
        let buffer = try await request.collectBody(upTo: maxBytes)
        let bytes = Array(buffer.readableBytesView)
        if bytes.allSatisfy({ [0x20, 0x09, 0x0A, 0x0D].contains($0) }) {
            throw RequestValidationError([ValidationIssue(location: ["body"], message: "field required",
                                                          type: "value_error.missing")])
        }
        do {
            return try JSONValue.parse(bytes)
        } catch {
            let (line, column) = position(of: error.offset, in: bytes)
            let message = "\(error.reason): line \(line) column \(column) (char \(error.offset))"
            throw RequestValidationError([ValidationIssue(
                location: ["body", .int(error.offset)], message: message, type: "value_error.jsondecode",
                context: ["msg": .string(error.reason), "doc": .string(String(decoding: bytes, as: UTF8.self)),
                          "pos": .int(error.offset), "lineno": .int(line), "colno": .int(column)])])
        }
    }

    /// A body decoded as `Model`, with pydantic's coercions and 422 on bad fields.
    static func decode<Model: WireModel>(_ type: Model.Type, _ request: Request, context: APIRequestContext)
        async throws -> Model
    {
        try Model.decode(try await json(request, context: context))
    }

    /// A required string field of a small body (`png-info`'s `image`).
    static func requiredString(_ name: String, in body: JSONValue) throws -> String {
        guard body.objectEntries != nil else {
            throw RequestValidationError([ValidationIssue(location: ["body"], message: "value is not a valid dict",
                                                          type: "type_error.dict")])
        }
        guard let value = body[name], value != .null else {
            throw RequestValidationError([ValidationIssue(location: ["body", .string(name)], message: "field required",
                                                          type: "value_error.missing")])
        }
        do throws(FieldIssue) {
            return try String.fromWire(value)
        } catch {
            throw RequestValidationError([ValidationIssue(location: ["body", .string(name)], message: error.message,
                                                          type: error.type)])
        }
    }

    static func position(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        let before = bytes.prefix(offset)
        let line = before.filter { $0 == 0x0A }.count + 1
        let column = offset - (before.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0) + 1
        return (line, column)
    }
}
