import Generation
import HTTPTypes
import Hummingbird

/// One route of the API: what `/openapi.json` and `/docs` say about it, and its handler.
/// Controllers return these; `buildApplication` registers them and the docs read the same list,
/// so a route cannot exist without being documented.
public struct APIRoute: Sendable {
    public typealias Handler = @Sendable (Request, APIRequestContext) async throws -> Response

    public var method: HTTPRequest.Method
    public var path: String
    public var summary: String
    public var tag: String
    /// Schema of the JSON body, or nil when the route takes none.
    public var requestBody: JSONValue?
    /// Query parameters and their schemas.
    public var queryParameters: [(name: String, schema: JSONValue)]
    /// Schema of the 200 answer.
    public var response: JSONValue
    public var handler: Handler

    public init(
        _ method: HTTPRequest.Method, _ path: String, tag: String, summary: String, requestBody: JSONValue? = nil,
        queryParameters: [(name: String, schema: JSONValue)] = [], response: JSONValue, handler: @escaping Handler
    ) {
        self.method = method
        self.path = path
        self.tag = tag
        self.summary = summary
        self.requestBody = requestBody
        self.queryParameters = queryParameters
        self.response = response
        self.handler = handler
    }

    /// A route answering JSON computed by `body`.
    public static func json(
        _ method: HTTPRequest.Method, _ path: String, tag: String, summary: String, requestBody: JSONValue? = nil,
        queryParameters: [(name: String, schema: JSONValue)] = [], response: JSONValue,
        body: @escaping @Sendable (Request, APIRequestContext) async throws -> JSONValue
    ) -> APIRoute {
        APIRoute(method, path, tag: tag, summary: summary, requestBody: requestBody, queryParameters: queryParameters,
                 response: response) { request, context in
            Response.json(try await body(request, context))
        }
    }
}

extension Response {
    /// A JSON answer with A1111's content type.
    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json"],
                 body: ResponseBody(byteBuffer: ByteBuffer(bytes: value.jsonBytes)))
    }
}
