import Tensor
import Testing
@testable import Generation

/// The memory budget: least recently used checkpoints are unloaded before a load that would
/// not fit, and a file that cannot load unloads nothing.
struct ModelCacheBudgetTests {
    static func selections() throws -> [ModelSelection] {
        try ["a", "b", "c"].enumerated().map { index, name in
            ModelSelection(checkpoint: try TinyModels.file(.sd15Tiny, name: "budget-\(name)", seed: UInt64(index + 10)))
        }
    }

    @Test func leastRecentlyUsedAreUnloadedToStayWithinTheBudget() async throws {
        let loader = try TinyModels.loader()
        let models = try Self.selections()
        let size = try loader.weightBytes(models[0])
        #expect(size > 0)
        // Room for two models, not three; the capacity would allow all three.
        let cache = ModelCache(capacity: 3, memoryBudget: size * 2 + size / 2, loader: loader)
        let first = try await cache.model(for: models[0])
        #expect(first.weightBytes == size)
        _ = try await cache.model(for: models[1])
        _ = try await cache.model(for: models[0])
        _ = try await cache.model(for: models[2])
        #expect(await cache.loaded == [models[0], models[2]])
        #expect(await cache.loadedBytes == 2 * size)
    }

    @Test func aBudgetSmallerThanOneModelStillServesTheNewest() async throws {
        let loader = try TinyModels.loader()
        let models = try Self.selections()
        let cache = ModelCache(capacity: 3, memoryBudget: 1, loader: loader)
        _ = try await cache.model(for: models[0])
        _ = try await cache.model(for: models[1])
        #expect(await cache.loaded == [models[1]])
    }

    @Test func aBrokenFileUnloadsNothing() async throws {
        let loader = try TinyModels.loader()
        let models = try Self.selections()
        let cache = ModelCache(capacity: 3, memoryBudget: 1, loader: loader)
        _ = try await cache.model(for: models[0])
        let broken = ModelSelection(checkpoint: try TinyModels.brokenFile())
        await #expect(throws: ModelLoadFailure.self) { try await cache.model(for: broken) }
        #expect(await cache.loaded == [models[0]])
    }

    /// The estimate is what the backend keeps resident: an f16 checkpoint stays 2 bytes per
    /// element as compact weights and takes 4 when widened to f32 at load.
    @Test func theEstimateFollowsTheBackendsWeightStorage() throws {
        let model = ModelSelection(checkpoint: try TinyModels.file(.sd15Tiny, name: "budget-f16", seed: 13, dtype: .f16))
        let compact = try ModelLoader(backend: CPUBackend(precision: .fp32))
        let widened = try ModelLoader(backend: CPUBackend(precision: .fp32, weightStorage: .widened))
        let reference = try ModelLoader(backend: ReferenceBackend())
        let stored = try reference.weightBytes(model)
        #expect(try compact.weightBytes(model) == stored)
        #expect(try widened.weightBytes(model) == 2 * stored)
    }
}
