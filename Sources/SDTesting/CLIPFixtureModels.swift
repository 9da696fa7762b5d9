import Checkpoint
import Tensor

/// The encoder cases of `Tests/Fixtures/clip/manifest.json`, written by
/// `tools/fixtures/clip/make_fixtures.py`: tiny CLIP text models in the canonical layout and
/// their `transformers` outputs.
public struct CLIPEncoderManifest: Decodable, Sendable {
    public struct EncoderCase: Decodable, Sendable {
        public let name, model, role, prefix: String
        public let tableSalt, layers, width, intermediate: Int
        public let projection: Int?
        public let tokens: [[Int]]
        public let hiddenLast, hiddenPenultimate, normalizedLast, normalizedPenultimate, pooled: String
        public let projected: String?
    }

    public let encoders: [EncoderCase]
}

/// Opens the CLIP fixture set and its model files.
public enum CLIPFixtureModels {
    public static let version = 1
    public static let vocab = 49408

    public static func fixtures(filePath: String = #filePath) throws -> FixtureSet {
        try FixtureSet(area: "clip", expectedVersion: version, filePath: filePath)
    }

    public static func manifest(_ fixtures: FixtureSet) throws -> CLIPEncoderManifest {
        try fixtures.decodeManifest(as: CLIPEncoderManifest.self)
    }

    /// The encoder a case describes, with the head count convention detection uses.
    public static func encoder(_ c: CLIPEncoderManifest.EncoderCase) throws -> TextEncoder {
        guard let role = TextEncoderRole(rawValue: c.role) else {
            throw FixtureError.unreadable(path: "clip/manifest.json", reason: "unknown role \(c.role)")
        }
        let config = CLIPConfig(
            layers: c.layers, width: c.width, heads: CLIPConfig.conventionalHeads(width: c.width),
            intermediateSize: c.intermediate, vocabSize: vocab, maxPositions: 77, projectionDim: c.projection,
            activation: role.activation)
        return TextEncoder(role: role, prefix: c.prefix, config: config)
    }

    /// The case's model file with its generated token table added.
    public static func source(_ c: CLIPEncoderManifest.EncoderCase, fixtures: FixtureSet) throws -> AugmentedSource {
        let file = try SafetensorsFile(path: fixtures.folder.appendingPathComponent(c.model).path)
        let table = try AugmentedSource.tokenTable(vocab: vocab, width: c.width, salt: c.tableSalt)
        return AugmentedSource(base: file, generated: [c.prefix + "text_model.embeddings.token_embedding.weight": table])
    }
}
