import Foundation
import Generation
import Imaging
import SDTesting
import Testing

@testable import SDAPI

@Suite struct PNGInfoRouteTests {
    static func png(_ texts: [PNGTextChunk]) throws -> String {
        Data(try TestImages.tinyPNG(texts: texts)).base64EncodedString()
    }

    @Test func readsTheParametersChunk() async throws {
        let infotext = "a cat\nNegative prompt: dog\nSteps: 20, Sampler: Euler a, CFG scale: 7.0, Seed: 42, Size: 512x640"
        let image = try Self.png([PNGTextChunk(keyword: "parameters", text: infotext),
                                  PNGTextChunk(keyword: "Software", text: "sdserve")])
        let server = try TestServer()
        defer { server.remove() }
        try await server.run { _, client in
            for encoded in [image, "data:image/png;base64," + image] {
                let response = try await client.post("/sdapi/v1/png-info", json: ["image": .string(encoded)])
                #expect(response.status == .ok)
                let json = response.json
                #expect(json.keys == ["info", "items", "parameters"])
                #expect(json["info"] == .string(infotext))
                #expect(json["items"] == ["Software": "sdserve"])
                #expect(json["parameters"]?["Prompt"] == "a cat")
                #expect(json["parameters"]?["Negative prompt"] == "dog")
                #expect(json["parameters"]?["Sampler"] == "Euler a")
                #expect(json["parameters"]?["Size-2"] == "640")
                #expect(json["parameters"]?["Clip skip"] == "1")
            }
        }
    }

    @Test func imagesWithoutInfotextAndBadInput() async throws {
        let server = try TestServer()
        defer { server.remove() }
        let plain = try Self.png([])
        try await server.run { _, client in
            let none = try await client.post("/sdapi/v1/png-info", json: ["image": .string(plain)]).json
            #expect(none["info"] == "")
            #expect(none["items"] == [:])
            #expect(none["parameters"]?["Prompt"] == "")
            let missing = try await client.post("/sdapi/v1/png-info", json: [:])
            #expect(missing.status == .unprocessableContent)
            #expect(missing.json == ["detail": [["loc": ["body", "image"], "msg": "field required", "type": "value_error.missing"]]])
            let garbage = try await client.post("/sdapi/v1/png-info", json: ["image": "not an image!!"])
            #expect(garbage.status == .internalServerError)
            #expect(garbage.json["detail"] == "Invalid encoded image")
        }
    }
}
