import Generation
import Hummingbird

/// `/txt2img` and `/img2img`: requests are decoded and validated (422 for bad fields, A1111's
/// 404/422 for missing images and unknown scripts), then run through the job queue.
struct GenerationController {
    let services: APIServices

    static let responseSchema = Schema.object("TextToImageResponse", [
        ("images", Schema.array(Schema.string)), ("parameters", Schema.anyObject), ("info", Schema.string),
    ])

    var routes: [APIRoute] {
        let limits = GenerationLimits(configuration: services.configuration)
        let endpoint = GenerationEndpoint(services: services)
        return [
            APIRoute(.post, "/sdapi/v1/txt2img", tag: "generation", summary: "Generate images from a prompt",
                     requestBody: Txt2ImgRequest.schema, response: Self.responseSchema) { request, context in
                let body = try await RequestBody.decode(Txt2ImgRequest.self, request, context: context)
                try limits.check(body)
                return try await endpoint.txt2img(body)
            },
            APIRoute(.post, "/sdapi/v1/img2img", tag: "generation", summary: "Generate images from images (and masks)",
                     requestBody: Img2ImgRequest.schema, response: Self.responseSchema) { request, context in
                let body = try await RequestBody.decode(Img2ImgRequest.self, request, context: context)
                try limits.check(body)
                return try await endpoint.img2img(body)
            },
        ]
    }
}
