import Checkpoint
import Diffusion
import SDTesting
import Tensor
import Testing

@Suite struct CLIPTextTransformerTests {
    let backend = ReferenceBackend()
    static let tolerance = Tolerance(abs: 1e-4, rel: 1e-5)

    static let caseNames = ["sd1_clip_l", "sd2_clip_h", "sdxl_clip_l", "sdxl_clip_g", "refiner_clip_g"]

    @Test(arguments: caseNames)
    func matchesTransformers(_ name: String) throws {
        let fixtures = try CLIPFixtureModels.fixtures()
        let c = try #require(try CLIPFixtureModels.manifest(fixtures).encoders.first { $0.name == name })
        let model = try CLIPTextTransformer(
            try CLIPFixtureModels.encoder(c), source: try CLIPFixtureModels.source(c, fixtures: fixtures), backend: backend)
        let input = CLIPTextInput(tokens: c.tokens)
        let expectations: [(CLIPTextRequest, String)] = [
            (CLIPTextRequest(layerFromEnd: 1, finalLayerNorm: false), c.hiddenLast),
            (CLIPTextRequest(layerFromEnd: 2, finalLayerNorm: false), c.hiddenPenultimate),
            (CLIPTextRequest(layerFromEnd: 1, finalLayerNorm: true), c.normalizedLast),
            (CLIPTextRequest(layerFromEnd: 2, finalLayerNorm: true), c.normalizedPenultimate),
        ]
        for (request, expected) in expectations {
            let output = try model.encode(input, request: request, backend: backend)
            expectClose(output.hidden, try fixtures.tensor(named: expected), tolerance: Self.tolerance, "\(name) \(expected)")
            #expect(output.pooled == nil)
        }
        let pooled = try model.encode(input, request: CLIPTextRequest(layerFromEnd: 1, finalLayerNorm: true, pooling: .normalized), backend: backend)
        expectClose(try #require(pooled.pooled), try fixtures.tensor(named: c.pooled), tolerance: Self.tolerance, "\(name) pooled")
        if let projected = c.projected {
            let output = try model.encode(input, request: CLIPTextRequest(layerFromEnd: 2, finalLayerNorm: false, pooling: .projected), backend: backend)
            expectClose(try #require(output.pooled), try fixtures.tensor(named: projected), tolerance: Self.tolerance, "\(name) projected")
            expectClose(output.hidden, try fixtures.tensor(named: c.hiddenPenultimate), tolerance: Self.tolerance, "\(name) hidden with pooling")
        }
    }

    /// Writing a token's own embedding back over it changes nothing; another vector changes
    /// that position and, through causal attention, only the ones after it.
    @Test func insertionsReplaceTokenEmbeddings() throws {
        let fixtures = try CLIPFixtureModels.fixtures()
        let c = try #require(try CLIPFixtureModels.manifest(fixtures).encoders.first { $0.name == "sd1_clip_l" })
        let source = try CLIPFixtureModels.source(c, fixtures: fixtures)
        let model = try CLIPTextTransformer(try CLIPFixtureModels.encoder(c), source: source, backend: backend)
        let tokens = [c.tokens[0]]
        let table = try source.tensor(c.prefix + "text_model.embeddings.token_embedding.weight")
        let own = try backend.embedding(table, indices: [tokens[0][3], tokens[0][4]])  // [2, D]
        let request = CLIPTextRequest(layerFromEnd: 1, finalLayerNorm: true)
        let plain = try model.encode(CLIPTextInput(tokens: tokens), request: request, backend: backend).hidden
        let same = try model.encode(
            CLIPTextInput(tokens: tokens, insertions: [[EmbeddingInsertion(position: 3, vectors: own)]]), request: request, backend: backend).hidden
        expectClose(same, plain, tolerance: Tolerance(abs: 0), "own embedding reinserted")

        let other = try Tensor(shape: [1, c.width], values: (0..<c.width).map { Float($0) / 10 })
        let changed = try model.encode(
            CLIPTextInput(tokens: tokens, insertions: [[EmbeddingInsertion(position: 5, vectors: other)]]), request: request, backend: backend).hidden
        let width = c.width, plainValues = plain.floats(), changedValues = changed.floats()
        #expect(Array(changedValues[0..<5 * width]) == Array(plainValues[0..<5 * width]))
        #expect(Array(changedValues[5 * width..<6 * width]) != Array(plainValues[5 * width..<6 * width]))
    }
}
