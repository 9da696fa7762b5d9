import Foundation
import Imaging
import Logging
import Sampling

/// Runs generation jobs one at a time in FIFO order, bounded by `queueCapacity` waiting jobs
/// (`--queue-size`), and keeps the progress `/progress` reports. A job whose task is cancelled
/// (its client went away) leaves the queue, or is interrupted when it is already running.
public actor GenerationService {
    public let models: ModelCache
    public let version: String?
    private var queue: JobQueueState
    private var waiters: [JobID: CheckedContinuation<Void, any Error>] = [:]
    private var nextID: UInt64 = 0
    public private(set) var progress = JobProgress()
    /// Steps between live previews of the running job.
    private var previewEvery = 10
    private let logger: Logger

    public init(models: ModelCache, queueCapacity: Int, version: String?, logger: Logger = Logger(label: "sdserve.jobs")) {
        self.models = models
        self.version = version
        queue = JobQueueState(capacity: queueCapacity)
        self.logger = logger
    }

    /// Runs `work` when its turn comes. Throws `GenerationError.queueFull` at once when the
    /// queue is full, `.cancelled` when the caller's task is cancelled while waiting.
    /// `previewEvery`: A1111's `show_progress_every_n_steps` (0 or less: no live previews).
    public func run<Result: Sendable>(
        job name: String, previewEvery: Int = 10, _ work: @Sendable (JobContext, any GenerationMonitor) async throws -> Result
    ) async throws -> Result {
        nextID += 1
        let id = JobID(nextID)
        switch queue.submit(id) {
        case .rejected:
            throw GenerationError.queueFull(capacity: queue.capacity)
        case .queued:
            try await waitForTurn(id)
        case .start:
            break
        }
        defer { finish(id) }
        let now = Date()
        progress = JobProgress()
        progress.job = name
        progress.jobCount = -1
        progress.startedAt = now
        progress.jobTimestamp = JobProgress.timestamp(now)
        self.previewEvery = previewEvery
        let context = JobContext(timestamp: progress.jobTimestamp, version: version)
        return try await withTaskCancellationHandler {
            try await work(context, ServiceMonitor(service: self))
        } onCancel: {
            Task { await self.interrupt() }
        }
    }

    private func waitForTurn(_ id: JobID) async throws {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                waiters[id] = continuation
            }
        } onCancel: {
            Task { await self.cancelWaiting(id) }
        }
    }

    private func cancelWaiting(_ id: JobID) {
        guard queue.cancel(id) == .removed, let waiter = waiters.removeValue(forKey: id) else { return }
        waiter.resume(throwing: GenerationError.cancelled)
    }

    private func finish(_ id: JobID) {
        let timestamp = progress.jobTimestamp
        progress = JobProgress()
        progress.jobTimestamp = timestamp
        if let next = queue.finish(id) {
            waiters.removeValue(forKey: next)?.resume()
        }
    }

    /// Jobs running or waiting.
    public var pendingJobs: Int { queue.count }

    /// `/interrupt`: the running job stops after the current step and returns what it made.
    public func interrupt() {
        guard !progress.isIdle else { return }
        progress.interrupted = true
    }

    /// `/skip`: the running batch stops; the job goes on with the next one.
    public func skip() {
        guard !progress.isIdle else { return }
        progress.skipped = true
    }

    func batchStarted(index: Int, of count: Int, steps: Int) {
        progress.jobCount = count
        progress.jobNumber = index
        progress.samplingStep = 0
        progress.samplingSteps = steps
        progress.skipped = false
        if count > 1 { progress.job = "Batch \(index + 1) out of \(count)" }
    }

    func stepFinished(_ step: Int, of steps: Int, preview: PreviewSource) -> StepDecision {
        progress.samplingStep = step
        progress.samplingSteps = steps
        if previewEvery > 0, step % previewEvery == 0, let image = try? preview.image(),
           let png = try? ImageEncoder.png(image) {
            progress.currentImage = Base64Image.encode(png)
        }
        if step == steps || step % 10 == 0 {
            logger.info("sampling", metadata: [
                "job": "\(progress.job)", "step": "\(step)/\(steps)", "eta": "\(String(format: "%.1f", progress.etaRelative()))s",
            ])
        }
        return progress.decision
    }

    func batchFinished(index: Int) {
        progress.jobNumber = index + 1
        progress.samplingStep = 0
    }
}

/// The service's side of `GenerationMonitor`.
struct ServiceMonitor: GenerationMonitor {
    let service: GenerationService

    func batchStarted(index: Int, of count: Int, steps: Int) async {
        await service.batchStarted(index: index, of: count, steps: steps)
    }

    func stepFinished(_ step: Int, of steps: Int, preview: PreviewSource) async -> StepDecision {
        await service.stepFinished(step, of: steps, preview: preview)
    }

    func batchFinished(index: Int) async {
        await service.batchFinished(index: index)
    }
}
