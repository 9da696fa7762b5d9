import Foundation
import HTTPTypes
import SDTesting
import Testing

@testable import SDAPI

/// Generation answers say where their time went in a `Server-Timing` header.
@Suite struct ServerTimingTests {
    @Test func txt2imgReportsQueueModelEngineAndResponseTimes() async throws {
        let server = try GenerationServer.make()
        defer { server.remove() }
        try await server.run { _, client in
            _ = try await client.post("/sdapi/v1/options", json: ["sd_model_checkpoint": "tiny-a"])
            let response = try await client.post("/sdapi/v1/txt2img", json: GenerationServer.txt2img(seed: 3))
            #expect(response.status == .ok)
            let header = try #require(response.headers[HTTPField.Name("Server-Timing")!])
            let durations = Dictionary(uniqueKeysWithValues: header.split(separator: ",").map { entry in
                let parts = entry.trimmingCharacters(in: .whitespaces).split(separator: ";")
                return (String(parts[0]), Double(parts[1].dropFirst("dur=".count)) ?? -1)
            })
            #expect(Set(durations.keys) == ["queue", "model", "engine", "response"])
            #expect(durations.values.allSatisfy { $0 >= 0 })
            #expect(durations["engine", default: 0] > 0, "3 sampling steps take time: \(header)")
        }
    }
}
