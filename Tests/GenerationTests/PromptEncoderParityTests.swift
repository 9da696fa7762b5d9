import Checkpoint
import Generation
import Prompting
import SDTesting
import Tensor
import Testing

/// A1111's prompt encoding on tiny CLIP models, against the PyTorch reimplementation in
/// tools/fixtures/clip/make_fixtures.py.
@Suite struct PromptEncoderParityTests {
    let backend = ReferenceBackend()
    static let tolerance = Tolerance(abs: 1e-4, rel: 1e-5)

    static let caseNames = [
        "sd1_skip1", "sd1_skip2", "sd1_skip3_nonorm", "sd1_embedding", "sd2_skip3_ignored", "sd2_embedding", "sdxl",
        "sdxl_clip_l_skip1", "sdxl_clip_l_skip3_embedding", "sdxl_empty_negative", "refiner_positive", "refiner_negative",
    ]

    @Test func everyFixtureCaseIsListed() throws {
        let manifest = try CLIPFixtureModels.fixtures().decodeManifest(as: ConditioningManifest.self)
        #expect(manifest.conditioning.map(\.name).sorted() == Self.caseNames.sorted())
    }

    @Test(arguments: caseNames)
    func matchesA1111(_ name: String) throws {
        let fixtures = try CLIPFixtureModels.fixtures()
        let manifest = try fixtures.decodeManifest(as: ConditioningManifest.self)
        let c = try #require(manifest.conditioning.first { $0.name == name })
        let encoder = try ConditioningFixtures.promptEncoder(c.model, manifest: manifest, fixtures: fixtures, backend: backend)
        let batch = c.texts.map { $0.map { ConditioningFixtures.chunk($0, embeddings: encoder.embeddings) } }
        let result = try encoder.encode(
            chunks: batch, options: try ConditioningFixtures.options(c.options), size: ConditioningFixtures.size(c.options),
            zeroText: c.options.zeroNegative ?? false, backend: backend)
        expectClose(result.crossAttention, try fixtures.tensor(named: c.crossAttention), tolerance: Self.tolerance, "\(name) context")
        if let vector = c.vector {
            expectClose(try #require(result.vector), try fixtures.tensor(named: vector), tolerance: Self.tolerance, "\(name) y")
        } else {
            #expect(result.vector == nil)
        }
    }
}
