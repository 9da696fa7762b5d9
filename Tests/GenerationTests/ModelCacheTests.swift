import Testing
@testable import Generation

struct ModelCacheTests {
    @Test func brokenCheckpointFailsAndThePreviousModelKeepsServing() async throws {
        let cache = TinyModels.makeCache(capacity: 2)
        let good = try TinyModels.sd15()
        _ = try await cache.model(for: good)
        let broken = ModelSelection(checkpoint: try TinyModels.brokenFile())
        await #expect(throws: ModelLoadFailure.self) { try await cache.model(for: broken) }
        #expect(await cache.loaded == [good])
        let model = try await cache.model(for: good)
        let result = try await Txt2ImgPipeline.run(.tiny(), model: model, context: testContext)
        #expect(result.images.count == 1)
    }

    @Test func leastRecentlyUsedIsEvicted() async throws {
        let cache = TinyModels.makeCache(capacity: 2)
        let a = try TinyModels.sd15()
        let b = ModelSelection(checkpoint: try TinyModels.file(.sd15Tiny, name: "sd15-tiny-b", seed: 2))
        let c = ModelSelection(checkpoint: try TinyModels.file(.sd15Tiny, name: "sd15-tiny-c", seed: 3))
        _ = try await cache.model(for: a)
        _ = try await cache.model(for: b)
        _ = try await cache.model(for: a)
        _ = try await cache.model(for: c)
        #expect(await cache.loaded == [a, c])
    }

    @Test func failureNamesTheFile() async throws {
        let broken = ModelSelection(checkpoint: try TinyModels.brokenFile())
        do {
            _ = try TinyModels.load(broken)
            Issue.record("a text file loaded as a checkpoint")
        } catch let failure as ModelLoadFailure {
            #expect(failure.file == broken.checkpoint.path)
            #expect(failure.description.contains("previously loaded model is still in use"))
        }
    }
}
