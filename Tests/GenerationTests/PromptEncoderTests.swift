import Checkpoint
import Diffusion
import Generation
import Prompting
import SDTesting
import Tensor
import Testing

/// The glue from scheduled prompt text to conditioning, on the tiny fixture models.
@Suite struct PromptEncoderTests {
    let backend = ReferenceBackend()

    func encoder(_ model: String) throws -> PromptEncoder {
        let fixtures = try CLIPFixtureModels.fixtures()
        let manifest = try fixtures.decodeManifest(as: ConditioningManifest.self)
        return try ConditioningFixtures.promptEncoder(model, manifest: manifest, fixtures: fixtures, backend: backend)
    }

    /// A1111 encodes all texts of a prompt's schedule as one batch, so emphasis renormalises
    /// over every scheduled text together; the result is split back per schedule entry.
    @Test func scheduleIsEncodedAsOneBatch() throws {
        let encoder = try encoder("sd1")
        let options = TextEncodingOptions()
        let schedule = PromptScheduler.schedule("a (red:1.3) [cat:((dog)):0.5] on a mat", timing: ScheduleTiming(steps: 10))
        #expect(schedule.map(\.endStep) == [5, 10])
        let result = try encoder.encode(schedule: schedule, isNegative: false, options: options, size: nil, backend: backend)
        #expect(result.map(\.endStep) == [5, 10])

        let chunker = encoder.chunker(options: options)
        let batch = try schedule.map { try chunker.chunks(for: $0.text).chunks }
        let together = try encoder.encode(chunks: batch, options: options, size: nil, backend: backend).crossAttention
        for row in 0..<2 {
            let expected = try backend.slice(together, dim: 0, start: row, end: row + 1)
            expectClose(result[row].conditioning.crossAttention, expected, tolerance: Tolerance(abs: 0), "row \(row)")
            #expect(result[row].conditioning.vector == nil)
        }
        let alone = try encoder.encode(chunks: [batch[0]], options: options, size: nil, backend: backend).crossAttention
        let difference = compareClose(alone.floats(), result[0].conditioning.crossAttention.floats(), tolerance: Tolerance(abs: 0))
        #expect(difference.maxAbs > 1e-6, "the batch mean differs from a single text's mean")
    }

    @Test func emptyNegativeZeroesSDXLTextConditioningOnly() throws {
        let encoder = try encoder("sdxl")
        let size = SDXLSizeConditioning.a1111(width: 1024, height: 1024, isNegative: true)
        let negative = try encoder.encode(
            schedule: [ScheduledPrompt(endStep: 20, text: "")], isNegative: true, options: TextEncodingOptions(), size: size, backend: backend)
        let context = negative[0].conditioning.crossAttention
        #expect(context.shape == [1, 77, 80])
        #expect(context.floats().allSatisfy { $0 == 0 })
        let y = try #require(negative[0].conditioning.vector).floats()
        #expect(y.count == 40 + 6 * 256)
        #expect(y[0..<40].allSatisfy { $0 == 0 })
        #expect(Array(y[40...]) == size.baseEmbedding)

        let positive = try encoder.encode(
            schedule: [ScheduledPrompt(endStep: 20, text: "")], isNegative: false, options: TextEncodingOptions(), size: size, backend: backend)
        #expect(positive[0].conditioning.crossAttention.floats().contains { $0 != 0 })
    }

    @Test func refinerVectorCarriesTheAestheticScore() throws {
        let positive = SDXLSizeConditioning.a1111(width: 832, height: 1216, isNegative: false)
        let negative = SDXLSizeConditioning.a1111(width: 832, height: 1216, isNegative: true)
        #expect(positive.aestheticScore == 6.0 && negative.aestheticScore == 2.5)
        #expect(positive.refinerEmbedding.count == 5 * 256)
        #expect(positive.refinerEmbedding[0..<1024] == negative.refinerEmbedding[0..<1024])
        #expect(positive.refinerEmbedding[1024...] != negative.refinerEmbedding[1024...])
        // E(0) = [cos 0…, sin 0…]: the crop embeddings start with 128 ones and 128 zeros.
        #expect(positive.baseEmbedding[512..<640].allSatisfy { $0 == 1 } && positive.baseEmbedding[640..<768].allSatisfy { $0 == 0 })
    }

    /// Only embeddings with vectors of the right width for every encoder are usable; their names
    /// in a prompt become slots.
    @Test func embeddingsAreFilteredByModelAndFoundInPrompts() throws {
        #expect(try encoder("refiner").embeddings.keys.sorted() == ["ti3"])
        #expect(try encoder("sdxl").embeddings.keys.sorted() == ["ti2"])
        // An SDXL embedding (clip_l + clip_g) does not fit the refiner, which has bigG only.
        let fixtures = try CLIPFixtureModels.fixtures()
        let c = try #require(try CLIPFixtureModels.manifest(fixtures).encoders.first { $0.name == "refiner_clip_g" })
        let bigG = try CLIPTextTransformer(try CLIPFixtureModels.encoder(c), source: try CLIPFixtureModels.source(c, fixtures: fixtures), backend: backend)
        let refiner = PromptEncoder(
            family: .sdxlRefiner, encoders: [(role: .clipG, model: bigG)], tokenizer: try CLIPTokenizer.bundled(),
            embeddings: [
                "both": [.clipL: Tensor(zeros: [2, 32]), .clipG: Tensor(zeros: [2, c.width])],
                "bigG": [.clipG: Tensor(zeros: [2, c.width])],
                "narrow": [.clipG: Tensor(zeros: [2, c.width - 8])],
            ])
        #expect(refiner.embeddings.keys.sorted() == ["bigG"])
        let sd1 = try encoder("sd1")
        let chunk = try #require(try sd1.chunker(options: TextEncodingOptions()).chunks(for: "a ti2 cat").chunks.first)
        #expect(chunk.embeddings == [EmbeddingSlot(position: 2, name: "ti2", vectorCount: 2)])
        #expect(chunk.tokens[2...3] == [0, 0])
    }

    @Test func missingEmbeddingVectorsAreATypedError() throws {
        let encoder = try encoder("refiner")
        let chunk = PromptChunk(
            tokens: [49406, 0, 0] + Array(repeating: 49407, count: 74), weights: Array(repeating: 1, count: 77),
            embeddings: [EmbeddingSlot(position: 1, name: "ti2-missing", vectorCount: 2)])
        let size = SDXLSizeConditioning.a1111(width: 1024, height: 1024, isNegative: false)
        #expect(throws: ConditioningError.embeddingMissing(name: "ti2-missing", role: .clipG)) {
            try encoder.encode(chunks: [[chunk]], options: TextEncodingOptions(), size: size, backend: backend)
        }
        #expect(throws: ConditioningError.missingSizeConditioning(family: .sdxlRefiner)) {
            try encoder.encode(chunks: [[PromptChunk.empty(padToken: 49407)]], options: TextEncodingOptions(), size: nil, backend: backend)
        }
    }

    @Test func loadsFromADetectedModelAndRejectsWrongEncoders() throws {
        let fixtures = try CLIPFixtureModels.fixtures()
        let c = try #require(try CLIPFixtureModels.manifest(fixtures).encoders.first { $0.name == "sd1_clip_l" })
        var model = ModelPreset.sd15Tiny.model
        model.textEncoders = [try CLIPFixtureModels.encoder(c)]
        let source = try CLIPFixtureModels.source(c, fixtures: fixtures)
        let encoder = try PromptEncoder(model: model, source: source, backend: backend, tokenizer: try CLIPTokenizer.bundled())
        #expect(encoder.family == .sd1)

        model.architecture = .sdxl
        #expect(throws: ConditioningError.unsupportedEncoders(family: .sdxl, roles: [.clipL])) {
            try PromptEncoder(model: model, source: source, backend: backend, tokenizer: try CLIPTokenizer.bundled())
        }
    }
}
