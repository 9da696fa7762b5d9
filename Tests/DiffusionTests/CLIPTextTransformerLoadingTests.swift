import Checkpoint
import Diffusion
import SDTesting
import Tensor
import Testing

@Suite struct CLIPTextTransformerLoadingTests {
    let backend = ReferenceBackend()

    func sd1() throws -> (CLIPEncoderManifest.EncoderCase, AugmentedSource, TextEncoder) {
        let fixtures = try CLIPFixtureModels.fixtures()
        let c = try #require(try CLIPFixtureModels.manifest(fixtures).encoders.first { $0.name == "sd1_clip_l" })
        return (c, try CLIPFixtureModels.source(c, fixtures: fixtures), try CLIPFixtureModels.encoder(c))
    }

    @Test func missingTensorNamesTheFullKey() throws {
        let (c, source, encoder) = try sd1()
        #expect(throws: ModelLoadError.weights(.missingTensor(file: source.fileName, key: c.prefix + "text_model.embeddings.token_embedding.weight"))) {
            try CLIPTextTransformer(encoder, source: source.base, backend: backend)
        }
    }

    @Test func misShapedTensorNamesKeyAndShapes() throws {
        let (c, source, encoder) = try sd1()
        let key = c.prefix + "text_model.encoder.layers.1.mlp.fc1.bias"
        let wrong = AugmentedSource(base: source, generated: [key: Tensor(zeros: [c.intermediate + 1])])
        #expect(throws: ModelLoadError.weights(.shapeMismatch(file: source.fileName, key: key, expected: [c.intermediate], got: [c.intermediate + 1]))) {
            try CLIPTextTransformer(encoder, source: wrong, backend: backend)
        }
    }

    @Test func unusedTensorIsReported() throws {
        let (c, source, encoder) = try sd1()
        let extra = c.prefix + "text_model.encoder.layers.3.mlp.fc1.bias"
        let bigger = AugmentedSource(base: source, generated: [extra: Tensor(zeros: [c.intermediate])])
        #expect(throws: ModelLoadError.unusedTensors(file: source.fileName, prefix: c.prefix, keys: [extra])) {
            try CLIPTextTransformer(encoder, source: bigger, backend: backend)
        }
    }

    @Test func rejectsTokensOutsideTheVocabularyAndLayersThatDoNotExist() throws {
        let (_, source, encoder) = try sd1()
        let model = try CLIPTextTransformer(encoder, source: source, backend: backend)
        let request = CLIPTextRequest(layerFromEnd: 1, finalLayerNorm: true)
        #expect(throws: CLIPInputError.self) {
            try model.encode(CLIPTextInput(tokens: [[49406, 49408]]), request: request, backend: backend)
        }
        #expect(throws: CLIPInputError.self) {
            try model.encode(CLIPTextInput(tokens: [[49406, 1, 49407]]), request: CLIPTextRequest(layerFromEnd: 5, finalLayerNorm: true), backend: backend)
        }
        #expect(throws: CLIPInputError.self) {
            try model.encode(CLIPTextInput(tokens: [[49406, 1, 49407]]), request: CLIPTextRequest(layerFromEnd: 1, finalLayerNorm: true, pooling: .projected), backend: backend)
        }
        // The embeddings output (hidden_states[0]) is the deepest valid skip.
        let embeddingsOnly = try model.encode(CLIPTextInput(tokens: [[49406, 1, 49407]]), request: CLIPTextRequest(layerFromEnd: 4, finalLayerNorm: false), backend: backend)
        #expect(embeddingsOnly.hidden.shape == [1, 3, encoder.config.width])
    }
}
