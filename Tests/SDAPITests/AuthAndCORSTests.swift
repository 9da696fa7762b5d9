import Foundation
import Generation
import HTTPTypes
import Testing

@testable import SDAPI

@Suite struct AuthAndCORSTests {
    static func basic(_ user: String, _ password: String) -> HTTPFields {
        [.authorization: "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()]
    }

    @Test func everyRouteNeedsCredentialsWhenAuthIsOn() async throws {
        let server = try TestServer { $0.credentials = [APICredential(user: "u", password: "p:with:colons"),
                                                        APICredential(user: "bot", password: "x")] }
        defer { server.remove() }
        try await server.run { services, client in
            for route in apiRoutes(services: services) {
                let path = route.path
                let response = try await client.send(path, method: route.method, headers: [:], body: nil)
                #expect(response.status == .unauthorized, "\(path)")
                #expect(response.json == ["error": "HTTPException", "detail": "Not authenticated", "body": "", "errors": ""])
                #expect(response.headers[.wwwAuthenticate] == nil)
            }
            let wrong = try await client.get("/sdapi/v1/options", headers: Self.basic("u", "p"))
            #expect(wrong.status == .unauthorized)
            #expect(wrong.json["detail"] == "Incorrect username or password")
            let garbage = try await client.get("/sdapi/v1/options", headers: [.authorization: "Bearer abc"])
            #expect(garbage.status == .unauthorized)
            #expect(try await client.get("/sdapi/v1/options", headers: Self.basic("u", "p:with:colons")).status == .ok)
            #expect(try await client.get("/sdapi/v1/samplers", headers: Self.basic("bot", "x")).status == .ok)
        }
    }

    @Test func credentialListsParse() throws {
        #expect(try APICredential.parseList("a:b,c:d:e") == [APICredential(user: "a", password: "b"),
                                                             APICredential(user: "c", password: "d:e")])
        #expect(throws: CredentialFormatError(entry: "nopassword")) { try APICredential.parseList("a:b,nopassword") }
        #expect(throws: CredentialFormatError.self) { try APICredential.parseList(":p") }
        #expect(!CredentialFormatError(entry: "a").description.contains("secret"))
    }

    @Test func constantTimeComparisonIsCorrect() {
        #expect(BasicAuthMiddleware.constantTimeEqual(Array("abc".utf8), Array("abc".utf8)))
        #expect(!BasicAuthMiddleware.constantTimeEqual(Array("abc".utf8), Array("abd".utf8)))
        #expect(!BasicAuthMiddleware.constantTimeEqual(Array("abc".utf8), Array("abcd".utf8)))
        #expect(!BasicAuthMiddleware.constantTimeEqual([], Array("a".utf8)))
    }

    @Test func corsAllowsOnlyListedOrigins() async throws {
        let server = try TestServer { $0.corsAllowOrigins = ["http://app.local"] }
        defer { server.remove() }
        try await server.run { _, client in
            let preflight = try await client.send("/sdapi/v1/txt2img", method: .options, headers: [
                .origin: "http://app.local", .accessControlRequestMethod: "POST", .accessControlRequestHeaders: "content-type",
            ], body: nil)
            #expect(preflight.status == .ok)
            #expect(preflight.headers[.accessControlAllowOrigin] == "http://app.local")
            #expect(preflight.headers[.accessControlAllowHeaders] == "content-type")
            let simple = try await client.get("/sdapi/v1/samplers", headers: [.origin: "http://app.local"])
            #expect(simple.headers[.accessControlAllowOrigin] == "http://app.local")
            #expect(simple.headers[.accessControlAllowCredentials] == "true")
            let other = try await client.get("/sdapi/v1/samplers", headers: [.origin: "http://evil.example"])
            #expect(other.status == .ok)
            #expect(other.headers[.accessControlAllowOrigin] == nil)
        }
    }

    @Test func withoutTheFlagNoCORSHeadersAreSent() async throws {
        let server = try TestServer()
        defer { server.remove() }
        try await server.run { _, client in
            let response = try await client.get("/sdapi/v1/samplers", headers: [.origin: "http://app.local"])
            #expect(response.headers[.accessControlAllowOrigin] == nil)
        }
    }
}
