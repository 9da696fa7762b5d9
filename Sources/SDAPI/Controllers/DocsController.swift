import Generation
import Hummingbird

/// `/openapi.json` and `/docs`, describing `documented` routes and themselves.
struct DocsController {
    let documented: [APIRoute]

    var routes: [APIRoute] {
        let openAPIRoute = APIRoute(.get, "/openapi.json", tag: "docs", summary: "This API as an OpenAPI 3 document",
                                    response: Schema.anyObject) { _, _ in .json(.null) }
        let docsRoute = APIRoute(.get, "/docs", tag: "docs", summary: "This API as an HTML page",
                                 response: Schema.string) { _, _ in .json(.null) }
        let document = OpenAPIDocument.build(routes: documented + [openAPIRoute, docsRoute], version: SDServeVersion.current)
        let page = DocsPage.html(openAPI: document)
        var served = openAPIRoute
        served.handler = { _, _ in .json(document) }
        var docs = docsRoute
        docs.handler = { _, _ in
            Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                     body: ResponseBody(byteBuffer: ByteBuffer(string: page)))
        }
        return [served, docs]
    }
}
