import Generation
import Testing

@testable import SDAPI

@Suite struct GenerationRouteTests {
    @Test(arguments: ["/sdapi/v1/txt2img", "/sdapi/v1/img2img"])
    func validRequestsAreAcceptedButAnswerThatGenerationIsNotAvailable(route: String) async throws {
        let server = try TestServer()
        defer { server.remove() }
        try await server.run { _, client in
            let response = try await client.post(route, json: [
                "prompt": "a cat", "steps": "20", "cfg_scale": 7, "sampler_name": "Euler a", "seed": 1,
                "init_images": ["data:image/png;base64,iVBORw0KGgo="], "url": "ignored", "auth": "ignored",
            ])
            #expect(response.status == .serviceUnavailable)
            #expect(response.json["error"] == "HTTPException")
            #expect(response.json["detail"]?.stringValue?.contains("not available yet") == true)
        }
    }

    @Test func wrongTypesAnswer422WithEveryBadField() async throws {
        let server = try TestServer()
        defer { server.remove() }
        try await server.run { _, client in
            let response = try await client.post("/sdapi/v1/txt2img", json: [
                "prompt": ["a", "list"], "steps": "many", "enable_hr": "perhaps", "styles": ["ok", ["nested"]],
                "override_settings": "x", "width": 0,
            ])
            #expect(response.status == .unprocessableContent)
            let expected: JSONValue = ["detail": [
                ["loc": ["body", "prompt"], "msg": "str type expected", "type": "type_error.str"],
                ["loc": ["body", "styles", 1], "msg": "str type expected", "type": "type_error.str"],
                ["loc": ["body", "steps"], "msg": "value is not a valid integer", "type": "type_error.integer"],
                ["loc": ["body", "width"], "msg": "ensure this value is greater than or equal to 8",
                 "type": "value_error.number.not_ge", "ctx": ["limit_value": 8]],
                ["loc": ["body", "override_settings"], "msg": "value is not a valid dict", "type": "type_error.dict"],
                ["loc": ["body", "enable_hr"], "msg": "value could not be parsed to a boolean", "type": "type_error.bool"],
            ]]
            #expect(response.json == expected)
        }
    }

    @Test func malformedAndMissingBodies() async throws {
        let server = try TestServer()
        defer { server.remove() }
        try await server.run { _, client in
            let malformed = try await client.post("/sdapi/v1/txt2img", "{\"prompt\": }")
            #expect(malformed.status == .unprocessableContent)
            #expect(malformed.json["detail"]?[0]?["loc"] == ["body", 11])
            #expect(malformed.json["detail"]?[0]?["type"] == "value_error.jsondecode")
            #expect(malformed.json["detail"]?[0]?["msg"] == "Expecting value: line 1 column 12 (char 11)")
            let empty = try await client.post("/sdapi/v1/txt2img")
            #expect(empty.json == ["detail": [["loc": ["body"], "msg": "field required", "type": "value_error.missing"]]])
            let list = try await client.post("/sdapi/v1/txt2img", "[1]")
            #expect(list.json["detail"]?[0]?["type"] == "type_error.dict")
        }
    }

    @Test func a1111RequestErrors() async throws {
        let server = try TestServer { $0.maxPixels = 1024 * 1024; $0.maxBatch = 4 }
        defer { server.remove() }
        try await server.run { _, client in
            let noImage = try await client.post("/sdapi/v1/img2img", json: ["prompt": "x"])
            #expect(noImage.status == .notFound)
            #expect(noImage.json == ["error": "HTTPException", "detail": "Init image not found", "body": "", "errors": ""])
            let script = try await client.post("/sdapi/v1/txt2img", json: ["script_name": "x/y/z plot"])
            #expect(script.status == .unprocessableContent)
            #expect(script.json["detail"] == "Script 'x/y/z plot' not found")
            let alwayson = try await client.post("/sdapi/v1/txt2img", json: ["alwayson_scripts": ["ControlNet": ["args": []]]])
            #expect(alwayson.json["detail"] == "Script 'ControlNet' not found")
            let tooBig = try await client.post("/sdapi/v1/txt2img", json: ["width": 2048, "height": 2048, "batch_size": 5])
            #expect(tooBig.status == .unprocessableContent)
            #expect(tooBig.json["detail"]?.arrayElements?.compactMap { $0["loc"] } == [["body", "width"], ["body", "batch_size"]])
            let hires = try await client.post("/sdapi/v1/txt2img", json: ["enable_hr": true, "hr_scale": 4, "denoising_strength": 0.5])
            #expect(hires.json["detail"]?[0]?["loc"] == ["body", "hr_scale"])
        }
    }

    @Test func defaultsAreA1111ApiDefaults() throws {
        let txt2img = try Txt2ImgRequest.decode([:])
        #expect(txt2img.common.steps == 50)
        #expect(txt2img.common.samplerIndex == "Euler")
        #expect(txt2img.denoisingStrength == nil)
        #expect(txt2img.hrScale == 2)
        let img2img = try Img2ImgRequest.decode(["steps": 20.9, "seed": nil, "restore_faces": "yes"])
        #expect(img2img.denoisingStrength == 0.75)
        #expect(img2img.common.steps == 20)
        #expect(img2img.common.seed == -1)
        #expect(img2img.common.restoreFaces == true)
        #expect(img2img.maskBlurX == 4)
        let echoed = txt2img.wireObject
        #expect(echoed["sampler_index"] == "Euler")
        #expect(echoed["denoising_strength"] == .null)
        #expect(echoed.keys.count == Txt2ImgRequest.fields.count)
        #expect(Set(echoed.keys).count == echoed.keys.count)
    }
}
