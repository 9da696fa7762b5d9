import Foundation
import Generation
import Hummingbird
import Imaging

/// `/png-info`: the infotext an image carries, split into A1111's `parameters`.
struct PNGInfoController {
    static let responseSchema = Schema.object("PNGInfoResponse", [
        ("info", Schema.string), ("items", Schema.anyObject), ("parameters", Schema.anyObject),
    ])

    var routes: [APIRoute] {
        [
            .json(.post, "/sdapi/v1/png-info", tag: "images", summary: "Read the generation parameters stored in an image",
                  requestBody: Schema.object("PNGInfoRequest", [("image", Schema.string)]),
                  response: Self.responseSchema) { request, context in
                let image = try RequestBody.requiredString("image", in: try await RequestBody.json(request, context: context))
                return try Self.info(forEncodedImage: image)
            },
        ]
    }

    /// `{info, items, parameters}` for a base64 image; images without text chunks (or other
    /// formats) give an empty `info` and the parameters A1111 derives from an empty infotext.
    static func info(forEncodedImage image: String) throws -> JSONValue {
        guard !image.trimmingCharacters(in: .whitespaces).isEmpty else {
            return ["info": "", "items": [:], "parameters": [:]]
        }
        let bytes = try EncodedImage.decode(image)
        guard EncodedImage.looksLikeImage(bytes) else { throw EncodedImage.invalid }
        var chunks: [PNGTextChunk] = []
        if PNGTextChunks.isPNG(bytes) {
            do { chunks = try PNGTextChunks.read(from: bytes) } catch { throw EncodedImage.invalid }
        }
        let infotext = chunks.last(where: { $0.keyword == "parameters" })?.text ?? ""
        let items = chunks.filter { $0.keyword != "parameters" }.map { (key: $0.keyword, value: JSONValue.string($0.text)) }
        return [
            "info": .string(infotext),
            "items": .object(items),
            "parameters": .object(InfotextParser.parse(infotext)),
        ]
    }
}
