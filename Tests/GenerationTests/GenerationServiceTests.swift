import Sampling
import Testing
@testable import Generation

/// A latch a test opens to let a job finish.
actor Gate {
    private var isOpen = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func wait() async {
        if isOpen { return }
        await withCheckedContinuation { waiters.append($0) }
    }

    func open() {
        isOpen = true
        waiters.forEach { $0.resume() }
        waiters = []
    }
}

/// Asks the service to interrupt (or skip) when the sampler reaches `step`, then lets the
/// service's own monitor answer, as a client's `/interrupt` during that step would.
struct StoppingMonitor: GenerationMonitor {
    let base: any GenerationMonitor
    let service: GenerationService
    let step: Int
    let skip: Bool

    func batchStarted(index: Int, of count: Int, steps: Int) async { await base.batchStarted(index: index, of: count, steps: steps) }
    func batchFinished(index: Int) async { await base.batchFinished(index: index) }
    func stepFinished(_ step: Int, of steps: Int, preview: PreviewSource) async -> StepDecision {
        if step == self.step { skip ? await service.skip() : await service.interrupt() }
        return await base.stepFinished(step, of: steps, preview: preview)
    }
}

struct GenerationServiceTests {
    func waitUntil(_ condition: @Sendable () async -> Bool) async throws {
        for _ in 0..<2000 where !(await condition()) { try await Task.sleep(for: .milliseconds(5)) }
    }

    @Test func fullQueueIsRejectedAndJobsRunInOrder() async throws {
        let service = GenerationService(models: TinyModels.sharedCache, queueCapacity: 1, version: nil)
        let gate = Gate()
        let first = Task { try await service.run(job: "first") { _, _ in await gate.wait(); return 1 } }
        try await waitUntil { await service.pendingJobs == 1 }
        let second = Task { try await service.run(job: "second") { _, _ in 2 } }
        try await waitUntil { await service.pendingJobs == 2 }
        await #expect(throws: GenerationError.queueFull(capacity: 1)) {
            try await service.run(job: "third") { _, _ in 3 }
        }
        await gate.open()
        #expect(try await first.value == 1)
        #expect(try await second.value == 2)
        #expect(await service.pendingJobs == 0)
        #expect(await service.progress.isIdle)
    }

    @Test func cancelledWaitingJobLeavesTheQueue() async throws {
        let service = GenerationService(models: TinyModels.sharedCache, queueCapacity: 2, version: nil)
        let gate = Gate()
        let first = Task { try await service.run(job: "first") { _, _ in await gate.wait(); return 1 } }
        try await waitUntil { await service.pendingJobs == 1 }
        let waiting = Task { try await service.run(job: "hung up") { _, _ in 2 } }
        try await waitUntil { await service.pendingJobs == 2 }
        waiting.cancel()
        await #expect(throws: GenerationError.cancelled) { try await waiting.value }
        #expect(await service.pendingJobs == 1)
        await gate.open()
        #expect(try await first.value == 1)
    }

    @Test func progressIsReportedWhileRunning() async throws {
        let service = GenerationService(models: TinyModels.sharedCache, queueCapacity: 1, version: nil)
        let model = try await TinyModels.sharedCache.model(for: TinyModels.sd15())
        var request = GenerationRequest.tiny(steps: 4)
        request.iterations = 2
        let result = try await service.run(job: "scripts_txt2img", previewEvery: 2) { context, monitor in
            let recorder = ProgressRecorder(base: monitor, service: service)
            let result = try await Txt2ImgPipeline.run(request, model: model, context: context, monitor: recorder)
            return (result, await recorder.snapshots)
        }
        let snapshots = result.1
        #expect(snapshots.count == 8)
        #expect(snapshots.first?.jobCount == 2)
        #expect(snapshots.first?.samplingStep == 1)
        #expect(snapshots.last?.jobNumber == 1)
        #expect(snapshots.last?.job == "Batch 2 out of 2")
        #expect(snapshots[0].currentImage == nil)
        #expect(snapshots[1].currentImage != nil)
        #expect(snapshots.allSatisfy { $0.progress > 0 && $0.progress <= 1 })
        #expect(await service.progress.isIdle)
    }

    @Test func interruptReturnsThePartialBatchAndStopsTheJob() async throws {
        let service = GenerationService(models: TinyModels.sharedCache, queueCapacity: 1, version: nil)
        let model = try await TinyModels.sharedCache.model(for: TinyModels.sd15())
        var request = GenerationRequest.tiny(steps: 6)
        request.iterations = 3
        let result = try await service.run(job: "scripts_txt2img") { context, monitor in
            try await Txt2ImgPipeline.run(
                request, model: model, context: context,
                monitor: StoppingMonitor(base: monitor, service: service, step: 2, skip: false))
        }
        #expect(result.interrupted)
        #expect(result.images.count == 1)
        #expect(result.infotexts.count == 1)
    }

    @Test func skipEndsEachBatchButKeepsGoing() async throws {
        let service = GenerationService(models: TinyModels.sharedCache, queueCapacity: 1, version: nil)
        let model = try await TinyModels.sharedCache.model(for: TinyModels.sd15())
        var request = GenerationRequest.tiny(steps: 6)
        request.iterations = 2
        let full = try await Txt2ImgPipeline.run(request, model: model, context: testContext)
        let skipped = try await service.run(job: "scripts_txt2img") { context, monitor in
            try await Txt2ImgPipeline.run(
                request, model: model, context: context,
                monitor: StoppingMonitor(base: monitor, service: service, step: 2, skip: true))
        }
        #expect(!skipped.interrupted)
        #expect(skipped.images.count == 2)
        #expect(skipped.images[0] != full.images[0])
    }
}

/// Records `/progress` after every step.
actor ProgressRecorder: GenerationMonitor {
    let base: any GenerationMonitor
    let service: GenerationService
    var snapshots: [JobProgress] = []

    init(base: any GenerationMonitor, service: GenerationService) {
        self.base = base
        self.service = service
    }

    func batchStarted(index: Int, of count: Int, steps: Int) async { await base.batchStarted(index: index, of: count, steps: steps) }
    func batchFinished(index: Int) async { await base.batchFinished(index: index) }
    func stepFinished(_ step: Int, of steps: Int, preview: PreviewSource) async -> StepDecision {
        let decision = await base.stepFinished(step, of: steps, preview: preview)
        snapshots.append(await service.progress)
        return decision
    }
}
