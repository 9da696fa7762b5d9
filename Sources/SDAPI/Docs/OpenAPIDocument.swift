import Generation

/// The OpenAPI 3 description of the routes, built from the same `APIRoute` list the router
/// serves, so every route is described and no description outlives its route.
enum OpenAPIDocument {
    static func build(routes: [APIRoute], version: String) -> JSONValue {
        var paths: [(key: String, value: JSONValue)] = []
        for route in routes {
            let operation = self.operation(route)
            let method = route.method.rawValue.lowercased()
            if let index = paths.firstIndex(where: { $0.key == route.path }) {
                paths[index].value = paths[index].value.adding(method, operation)
            } else {
                paths.append((key: route.path, value: .object([(key: method, value: operation)])))
            }
        }
        return [
            "openapi": "3.0.3",
            "info": ["title": "sdserve", "description": "AUTOMATIC1111-compatible /sdapi/v1 API", "version": .string(version)],
            "paths": .object(paths),
        ]
    }

    static func operation(_ route: APIRoute) -> JSONValue {
        var operation: JSONValue = [
            "tags": [.string(route.tag)],
            "summary": .string(route.summary),
            "operationId": .string(operationID(route)),
        ]
        if !route.queryParameters.isEmpty {
            operation = operation.adding("parameters", .array(route.queryParameters.map { parameter in
                ["name": .string(parameter.name), "in": "query", "required": false, "schema": parameter.schema]
            }))
        }
        if let body = route.requestBody {
            operation = operation.adding("requestBody", [
                "required": true, "content": ["application/json": ["schema": body]],
            ])
        }
        var responses: [(key: String, value: JSONValue)] = [
            (key: "200", value: ["description": "Successful Response", "content": ["application/json": ["schema": route.response]]]),
        ]
        if route.requestBody != nil || !route.queryParameters.isEmpty {
            responses.append((key: "422", value: ["description": "Validation Error", "content": [
                "application/json": ["schema": Schema.object("HTTPValidationError", [("detail", Schema.array(Schema.anyObject))])],
            ]]))
        }
        return operation.adding("responses", .object(responses))
    }

    /// `get_sdapi_v1_sd_models` style ids, as FastAPI derives them.
    static func operationID(_ route: APIRoute) -> String {
        let path = route.path.map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined()
        return route.method.rawValue.lowercased() + path
    }
}
