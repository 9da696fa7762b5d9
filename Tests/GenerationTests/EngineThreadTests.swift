import Foundation
import Synchronization
import Testing
@testable import Generation

/// Where a job's work runs: on its service's engine thread, never on the cooperative pool.
@Suite(.timeLimit(.minutes(1))) struct EngineThreadTests {
    @Test func workAndTheActorsItCallsRunOnTheEngineThread() async throws {
        let loadedOn = Mutex<pthread_t?>(nil)
        let models = ModelCache(capacity: 1) { selection throws(ModelLoadFailure) in
            loadedOn.withLock { $0 = pthread_self() }
            return try TinyModels.load(selection)
        }
        let service = GenerationService(models: models, queueCapacity: 1, version: nil)
        let engine = service.engine
        let selection = try TinyModels.sd15()
        let (work, probe, load) = try await service.run(job: "where") { _, _ in
            let work = engine.isCurrent
            let probe = await ThreadProbe().isCurrent(engine)
            _ = try await models.model(for: selection)
            let load = loadedOn.withLock { $0.map { pthread_equal($0, pthread_self()) != 0 } ?? false }
            return (work, probe, load && engine.isCurrent)
        }
        #expect(work, "the work closure runs on the engine thread")
        #expect(probe, "a default actor the work awaits runs on the engine thread")
        #expect(load, "ModelCache loads on the engine thread")
        #expect(!engine.isCurrent)
    }

    /// More jobs hold their threads at once than the machine has cores; were they on the
    /// cooperative pool, some could not start and nothing else could run until one ended.
    /// The probe's deadline leaves room for other tests that compute on the pool meanwhile
    /// (a tiny model load holds a pool thread for about a second in a debug build).
    @Test func blockingJobsLeaveTheCooperativePoolFree() async throws {
        let jobCount = ProcessInfo.processInfo.activeProcessorCount + 1
        let services = (0..<jobCount).map { _ in
            GenerationService(models: TinyModels.sharedCache, queueCapacity: 1, version: nil)
        }
        let started = Counter(), finished = Counter()
        let jobs = services.map { service in
            Task {
                try await service.run(job: "blocking") { _, _ in
                    started.add()
                    holdThread(seconds: 2.5)
                    finished.add()
                }
            }
        }
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(1)
        while started.value < jobCount, clock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(started.value == jobCount && finished.value == 0, "all jobs hold their threads at once")

        let asked = clock.now
        await Task.detached {}.value
        #expect(await services[0].progress.job == "blocking")
        #expect(clock.now - asked < .seconds(1), "a plain task and a progress query answer while the jobs block")
        #expect(finished.value == 0)
        for job in jobs { try await job.value }
    }

    @Test func theEngineThreadEndsWithItsService() async throws {
        var service: GenerationService? = GenerationService(models: TinyModels.sharedCache, queueCapacity: 1, version: nil)
        let engine = try #require(service?.engine)
        #expect(try await service?.run(job: "one") { _, _ in engine.isCurrent } == true)
        #expect(!engine.hasEnded)
        service = nil
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(10)
        while !engine.hasEnded, clock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
        #expect(engine.hasEnded)
    }

    @Test func workPreferringAnEndedEngineStillRuns() async throws {
        let engine = EngineThread(name: "ended")
        engine.shutDown()
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(10)
        while !engine.hasEnded, clock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
        let ranOnEngine = await withTaskExecutorPreference(engine) { () async -> Bool in
            await Task.yield()
            return engine.isCurrent
        }
        #expect(!ranOnEngine)
        #expect(engine.hasEnded)
    }
}

private final class Counter: Sendable {
    private let count = Mutex(0)
    var value: Int { count.withLock { $0 } }
    func add() { count.withLock { $0 += 1 } }
}

/// A default actor: SE-0417 runs it on the calling task's preferred executor.
private actor ThreadProbe {
    func isCurrent(_ engine: EngineThread) -> Bool { engine.isCurrent }
}

/// Stands for a UNet step: synchronous work that keeps its thread for `seconds`.
private func holdThread(seconds: Double) {
    Thread.sleep(forTimeInterval: seconds)
}
