import Generation
import Testing

@testable import SDAPI

@Suite struct DocsRouteTests {
    @Test func openAPIDescribesEveryRoute() async throws {
        let server = try TestServer()
        defer { server.remove() }
        try await server.run { services, client in
            let document = try await client.get("/openapi.json").json
            #expect(document["openapi"] == "3.0.3")
            let paths = document["paths"]
            let routes = apiRoutes(services: services)
            #expect(routes.count == 33)
            for route in routes {
                #expect(paths?[route.path]?[route.method.rawValue.lowercased()] != nil, "\(route.method) \(route.path)")
            }
            let txt2img = paths?["/sdapi/v1/txt2img"]?["post"]?["requestBody"]?["content"]?["application/json"]?["schema"]
            #expect(txt2img?["title"] == "StableDiffusionProcessingTxt2Img")
            #expect(txt2img?["properties"]?["steps"] == ["type": "integer", "minimum": 1, "maximum": 1000, "default": 50])
            #expect(txt2img?["properties"]?["sampler_index"]?["default"] == "Euler")
            #expect(txt2img?["properties"]?.count == Txt2ImgRequest.fields.count)
        }
    }

    @Test func docsPageListsRoutesAndFields() async throws {
        let server = try TestServer()
        defer { server.remove() }
        try await server.run { services, client in
            let page = try await client.get("/docs")
            #expect(page.status == .ok)
            #expect(page.headers[.contentType] == "text/html; charset=utf-8")
            for route in apiRoutes(services: services) {
                #expect(page.text.contains("<code>\(route.path)</code>"), "\(route.path)")
            }
            #expect(page.text.contains("<code>hr_second_pass_steps</code>"))
            #expect(page.text.contains("<code>init_images</code>"))
        }
    }
}
