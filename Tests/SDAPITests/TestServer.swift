import Foundation
import Generation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import SDAPI
import SDTesting

/// An answer from the in-process server, with its body parsed as JSON when it is JSON.
struct JSONResponse {
    var status: HTTPResponse.Status
    var headers: HTTPFields
    var text: String
    var json: JSONValue { (try? JSONValue.parse(text)) ?? .string(text) }
}

/// Drives `buildApplication` in process over a temporary models folder holding two
/// checkpoints (one in a sub-folder), a LoRA with `ss_*` metadata, a VAE and an embedding.
struct TestServer {
    let models: TemporaryModelFolder
    var configuration: ServerConfiguration

    init(_ configure: (inout ServerConfiguration) -> Void = { _ in }) throws {
        models = try TemporaryModelFolder()
        try models.write(Data("abc".utf8), to: "checkpoints/base.safetensors")
        try models.writeSafetensors("Stable-diffusion/xl/turbo.safetensors")
        try models.writeSafetensors("Lora/detail.safetensors", metadata: ["ss_output_name": "fine_detail", "ss_network_dim": "4"])
        try models.writeSafetensors("VAE/sdxl-vae.safetensors")
        try models.writeSafetensors("embeddings/easynegative.safetensors", tensors: ["emb_params": [8, 768]])
        configuration = ServerConfiguration()
        configuration.modelsDirectory = models.root
        configuration.port = 0
        configure(&configuration)
    }

    /// Starts fresh services (as a restart would) and runs `body` against the router.
    func run<Value: Sendable>(
        _ body: @Sendable (APIServices, TestClient) async throws -> Value
    ) async throws -> Value {
        let logger = Logger(label: "sdserve-test")
        let services = await APIServices(configuration: configuration, logger: logger)
        await services.catalog.waitUntilHashed()
        let app = buildApplication(services: services, logger: logger)
        return try await app.test(.router) { client in try await body(services, TestClient(client: client)) }
    }

    func remove() { models.remove() }
}

struct TestClient: Sendable {
    let client: any TestClientProtocol

    func get(_ uri: String, headers: HTTPFields = [:]) async throws -> JSONResponse {
        try await send(uri, method: .get, headers: headers, body: nil)
    }

    func post(_ uri: String, _ body: String? = nil, headers: HTTPFields = [:]) async throws -> JSONResponse {
        var headers = headers
        if body != nil { headers[.contentType] = "application/json" }
        return try await send(uri, method: .post, headers: headers, body: body)
    }

    func post(_ uri: String, json: JSONValue, headers: HTTPFields = [:]) async throws -> JSONResponse {
        try await post(uri, json.jsonText, headers: headers)
    }

    func send(_ uri: String, method: HTTPRequest.Method, headers: HTTPFields, body: String?) async throws -> JSONResponse {
        try await client.execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }) {
            JSONResponse(status: $0.status, headers: $0.headers, text: String(buffer: $0.body))
        }
    }
}

extension JSONValue {
    /// Keys of an object, in order.
    var keys: [String] { objectEntries?.map(\.key) ?? [] }
    var count: Int { arrayElements?.count ?? objectEntries?.count ?? 0 }
    subscript(index: Int) -> JSONValue? {
        guard let elements = arrayElements, elements.indices.contains(index) else { return nil }
        return elements[index]
    }
}
