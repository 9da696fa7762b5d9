import Generation
import Hummingbird

/// `/txt2img` and `/img2img`: requests are decoded and validated exactly as they will be once
/// the pipeline runs them (422 for bad fields, A1111's 404/422 for missing images and unknown
/// scripts); a valid request is answered 503 until the generation pipeline is connected.
struct GenerationController {
    let services: APIServices

    static let responseSchema = Schema.object("TextToImageResponse", [
        ("images", Schema.array(Schema.string)), ("parameters", Schema.anyObject), ("info", Schema.string),
    ])

    var routes: [APIRoute] {
        let limits = GenerationLimits(configuration: services.configuration)
        return [
            .json(.post, "/sdapi/v1/txt2img", tag: "generation", summary: "Generate images from a prompt",
                  requestBody: Txt2ImgRequest.schema, response: Self.responseSchema) { request, context in
                let body = try await RequestBody.decode(Txt2ImgRequest.self, request, context: context)
                try limits.check(body)
                throw Self.generationUnavailable
            },
            .json(.post, "/sdapi/v1/img2img", tag: "generation", summary: "Generate images from images (and masks)",
                  requestBody: Img2ImgRequest.schema, response: Self.responseSchema) { request, context in
                let body = try await RequestBody.decode(Img2ImgRequest.self, request, context: context)
                try limits.check(body)
                throw Self.generationUnavailable
            },
        ]
    }

    static let generationUnavailable = APIError(
        status: .serviceUnavailable,
        detail: "Image generation is not available yet in this sdserve build: the request is valid, "
            + "but no generation pipeline is connected. Listings, options and png-info work.")
}
