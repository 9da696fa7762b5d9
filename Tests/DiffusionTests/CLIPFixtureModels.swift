import Checkpoint
import Testing
import Diffusion
import SDTesting
import Tensor

/// The encoder cases of `Tests/Fixtures/clip/manifest.json` (tools/fixtures/clip/make_fixtures.py).
struct CLIPEncoderManifest: Decodable {
    struct EncoderCase: Decodable {
        let name, model, role, prefix: String
        let tableSalt, layers, width, intermediate: Int
        let projection: Int?
        let tokens: [[Int]]
        let hiddenLast, hiddenPenultimate, normalizedLast, normalizedPenultimate, pooled: String
        let projected: String?
    }

    let encoders: [EncoderCase]
}

enum CLIPFixtureModels {
    static let version = 1
    static let vocab = 49408

    static func fixtures() throws -> FixtureSet { try FixtureSet(area: "clip", expectedVersion: version) }

    static func manifest() throws -> CLIPEncoderManifest { try fixtures().decodeManifest(as: CLIPEncoderManifest.self) }

    static func encoder(_ c: CLIPEncoderManifest.EncoderCase) throws -> TextEncoder {
        let role = try #require(TextEncoderRole(rawValue: c.role))
        let config = CLIPConfig(
            layers: c.layers, width: c.width, heads: CLIPConfig.conventionalHeads(width: c.width),
            intermediateSize: c.intermediate, vocabSize: vocab, maxPositions: 77, projectionDim: c.projection,
            activation: role.activation)
        return TextEncoder(role: role, prefix: c.prefix, config: config)
    }

    /// The case's model file with its generated token table added.
    static func source(_ c: CLIPEncoderManifest.EncoderCase, fixtures: FixtureSet) throws -> AugmentedSource {
        let file = try SafetensorsFile(path: fixtures.folder.appendingPathComponent(c.model).path)
        let table = try AugmentedSource.tokenTable(vocab: vocab, width: c.width, salt: c.tableSalt)
        return AugmentedSource(base: file, generated: [c.prefix + "text_model.embeddings.token_embedding.weight": table])
    }
}
