import Checkpoint
import Testing
import Diffusion
import Generation
import Prompting
import SDTesting
import Tensor

/// The conditioning cases of `Tests/Fixtures/clip/manifest.json`: chunks as A1111 builds them
/// and the conditioning its prompt encoding produces (tools/fixtures/clip/make_fixtures.py).
struct ConditioningManifest: Decodable {
    struct Chunk: Decodable {
        struct Fix: Decodable {
            let offset: Int
            let embedding: String
        }

        let tokens: [Int32]
        let weights: [Float]
        let fixes: [Fix]
    }

    struct Size: Decodable {
        let width, height, cropTop, cropLeft, targetWidth, targetHeight: Int
    }

    struct Options: Decodable {
        let clipSkip: Int
        let sdxlClipLSkip: Bool
        let emphasis: String
        let zeroNegative: Bool?
        let size: Size?
        let aestheticScore: Double?
    }

    struct Case: Decodable {
        let name, model: String
        let texts: [[Chunk]]
        let options: Options
        let crossAttention: String
        let vector: String?
    }

    let conditioning: [Case]
    /// Embedding name -> role -> fixture tensor name.
    let embeddings: [String: [String: String]]
    let encoders: [CLIPEncoderManifest.EncoderCase]
}

enum ConditioningFixtures {
    static let families: [String: ModelFamily] = ["sd1": .sd1, "sd2": .sd2, "sdxl": .sdxl, "refiner": .sdxlRefiner]

    static func embeddings(_ manifest: ConditioningManifest, fixtures: FixtureSet) throws -> [String: [TextEncoderRole: Tensor]] {
        try manifest.embeddings.mapValues { roles in
            Dictionary(uniqueKeysWithValues: try roles.map { role, tensor in
                (try #require(TextEncoderRole(rawValue: role)), try fixtures.tensor(named: tensor))
            })
        }
    }

    /// The fixture model `name` (sd1, sd2, sdxl, refiner) as a `PromptEncoder`.
    static func promptEncoder(
        _ name: String, manifest: ConditioningManifest, fixtures: FixtureSet, backend: any Backend
    ) throws -> PromptEncoder {
        let cases = manifest.encoders.filter { $0.model == name + ".safetensors" }
        let encoders = try cases.map { c in
            let encoder = try CLIPFixtureModels.encoder(c)
            return (role: encoder.role, model: try CLIPTextTransformer(encoder, source: try CLIPFixtureModels.source(c, fixtures: fixtures), backend: backend))
        }
        // Each fixture embedding carries vectors for every role; a real file holds only its model's.
        let roles = Set(encoders.map(\.role))
        return PromptEncoder(
            family: try #require(families[name]), encoders: encoders, tokenizer: try CLIPTokenizer.bundled(),
            embeddings: try embeddings(manifest, fixtures: fixtures).mapValues { $0.filter { roles.contains($0.key) } })
    }

    static func chunk(_ c: ConditioningManifest.Chunk, embeddings: [String: [TextEncoderRole: Tensor]]) -> PromptChunk {
        PromptChunk(
            tokens: c.tokens, weights: c.weights,
            embeddings: c.fixes.map { fix in
                EmbeddingSlot(position: fix.offset + 1, name: fix.embedding, vectorCount: embeddings[fix.embedding]?.values.first?.shape[0] ?? 0)
            })
    }

    static func options(_ o: ConditioningManifest.Options) throws -> TextEncodingOptions {
        TextEncodingOptions(clipSkip: o.clipSkip, sdxlClipLSkip: o.sdxlClipLSkip, emphasis: try #require(EmphasisMode(rawValue: o.emphasis)))
    }

    static func size(_ o: ConditioningManifest.Options) -> SDXLSizeConditioning? {
        o.size.map {
            SDXLSizeConditioning(
                originalWidth: $0.width, originalHeight: $0.height, cropTop: $0.cropTop, cropLeft: $0.cropLeft,
                targetWidth: $0.targetWidth, targetHeight: $0.targetHeight, aestheticScore: o.aestheticScore ?? 0)
        }
    }
}
