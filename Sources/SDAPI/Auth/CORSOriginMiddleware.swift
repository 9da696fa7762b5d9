import Hummingbird

/// CORS for the origins given with `--cors-allow-origins` (`*` allows any), as A1111
/// configures Starlette: any method and header, credentials allowed. Without the flag no CORS
/// headers are sent, so browsers on other origins are refused.
struct CORSOriginMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext

    let allowedOrigins: [String]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        guard let origin = request.headers[.origin], allows(origin) else { return try await next(request, context) }
        if request.method == .options, request.headers[.accessControlRequestMethod] != nil {
            var response = Response(status: .ok)
            response.headers[.accessControlAllowMethods] = "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT"
            response.headers[.accessControlAllowHeaders] = request.headers[.accessControlRequestHeaders] ?? "*"
            response.headers[.accessControlMaxAge] = "600"
            addOriginHeaders(to: &response, origin: origin)
            return response
        }
        var response = try await next(request, context)
        addOriginHeaders(to: &response, origin: origin)
        return response
    }

    func allows(_ origin: String) -> Bool { allowedOrigins.contains("*") || allowedOrigins.contains(origin) }

    private func addOriginHeaders(to response: inout Response, origin: String) {
        response.headers[.accessControlAllowOrigin] = origin
        response.headers[.accessControlAllowCredentials] = "true"
        response.headers[.vary] = "Origin"
    }
}
