import Generation
import HTTPTypes

/// An error answered in A1111's shape `{error, detail, body, errors}` with a chosen status.
/// `error` is the Python exception name A1111 would give (`HTTPException`, `RuntimeError`, ...)
/// so clients that branch on it keep working.
public struct APIError: Error, Sendable, Equatable, CustomStringConvertible {
    public var status: HTTPResponse.Status
    public var error: String
    public var detail: String
    public var errors: String

    public init(status: HTTPResponse.Status, error: String = "HTTPException", detail: String, errors: String = "") {
        self.status = status
        self.error = error
        self.detail = detail
        self.errors = errors
    }

    public var body: JSONValue {
        ["error": .string(error), "detail": .string(detail), "body": "", "errors": .string(errors)]
    }

    public var description: String { "\(status.code) \(error): \(detail.isEmpty ? errors : detail)" }
}

extension APIError {
    static let notAuthenticated = APIError(status: .unauthorized, detail: "Not authenticated")
    static let badCredentials = APIError(status: .unauthorized, detail: "Incorrect username or password")

    /// A model name that does not resolve: 404 for an unknown name, 400 for an ambiguous one or
    /// one reaching outside the model folders. `errors` keeps A1111's message form.
    static func catalog(_ error: CatalogError) -> APIError {
        switch error {
        case .notFound(_, let name):
            APIError(status: .notFound, error: "RuntimeError", detail: error.description, errors: "model '\(name)' not found")
        default:
            APIError(status: .badRequest, error: "RuntimeError", detail: error.description, errors: error.description)
        }
    }

    /// Any other failure: 500 with the Swift type name, as A1111 reports the exception class.
    static func unexpected(_ error: any Error) -> APIError {
        APIError(status: .internalServerError, error: String(describing: type(of: error)), detail: "",
                 errors: String(describing: error))
    }
}
