import Foundation
import Imaging
import Logging
import Sampling

/// Runs generation jobs one at a time in FIFO order, bounded by `queueCapacity` waiting jobs
/// (`--queue-size`), and keeps the progress `/progress` and `/internal/progress` report. A job
/// whose task is cancelled (its client went away) leaves the queue, or is interrupted when it
/// is already running. The jobs compute on the service's own `engine` thread, so a job that
/// samples never holds a thread of the cooperative pool the HTTP handlers run on.
public actor GenerationService {
    public let models: ModelCache
    public let version: String?
    /// Runs each job's work, model loading in `ModelCache` included: a default actor's code
    /// runs on the executor its calling task prefers (SE-0417).
    nonisolated let engine = EngineThread(name: "sdserve engine")
    private var queue: JobQueueState
    /// Waiting jobs' continuations and task ids.
    private var waiters: [JobID: (task: String, continuation: CheckedContinuation<Void, any Error>)] = [:]
    private var nextID: UInt64 = 0
    public private(set) var progress = JobProgress()
    /// Task ids waiting, running and recently finished (`/internal/progress`).
    public private(set) var tasks = TaskBoard()
    /// Steps between live previews of the running job.
    private var previewEvery = 10
    private var lastLoggedStep: (step: Int, at: ContinuousClock.Instant)?
    private let logger: Logger

    public init(models: ModelCache, queueCapacity: Int, version: String?, logger: Logger = Logger(label: "sdserve.jobs")) {
        self.models = models
        self.version = version
        queue = JobQueueState(capacity: queueCapacity)
        self.logger = logger
    }

    deinit { engine.shutDown() }

    /// Runs `work` when its turn comes. Throws `GenerationError.queueFull` at once when the
    /// queue is full, `.cancelled` when the caller's task is cancelled while waiting; a
    /// cancellation while running interrupts the job (it returns what it made).
    /// `taskID`: A1111's `id_task` (`force_task_id`), shown by `/internal/progress`.
    /// `previewEvery`: A1111's `show_progress_every_n_steps` (0 or less: no live previews).
    public func run<Result: Sendable>(
        job name: String, taskID: String? = nil, previewEvery: Int = 10,
        _ work: @escaping @Sendable (JobContext, any GenerationMonitor) async throws -> Result
    ) async throws -> Result {
        nextID += 1
        let id = JobID(nextID)
        let task = taskID ?? TaskBoard.newTaskID(kind: "job")
        switch queue.submit(id) {
        case .rejected:
            throw GenerationError.queueFull(capacity: queue.capacity)
        case .queued:
            tasks.enqueue(task)
            try await waitForTurn(id, task: task)
        case .start:
            break
        }
        defer { finish(id, task: task) }
        start(task: task, name: name, previewEvery: previewEvery)
        let context = JobContext(timestamp: progress.jobTimestamp, version: version)
        return try await withTaskCancellationHandler {
            // Cancelled in the moment between being let through and starting: nothing to run.
            if Task.isCancelled { throw GenerationError.cancelled }
            let monitor = ServiceMonitor(service: self)
            return try await onEngine { try await work(context, monitor) }
        } onCancel: {
            Task { await self.cancel(id) }
        }
    }

    /// Runs `work` as a child task that prefers the engine thread, while the caller waits
    /// suspended. Had the caller's own task preferred the engine, it would go on running there
    /// after the job (the runtime avoids a thread switch when it can) and the response encoding
    /// would hold up the next job.
    private func onEngine<Result: Sendable>(_ work: @escaping @Sendable () async throws -> Result) async throws -> Result {
        try await withThrowingTaskGroup(of: Result.self) { group in
            group.addTask(executorPreference: engine, operation: work)
            // The group's one child: `next()` is nil only for an empty group.
            return try await group.next()!
        }
    }

    private func waitForTurn(_ id: JobID, task: String) async throws {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                waiters[id] = (task, continuation)
            }
        } onCancel: {
            Task { await self.cancel(id) }
        }
    }

    /// The caller of job `id` went away: drop it from the queue, or interrupt it if it runs.
    private func cancel(_ id: JobID) {
        switch queue.cancel(id) {
        case .removed:
            logger.info("queued job dropped: its client went away", metadata: ["job": "\(id)"])
            guard let waiter = waiters.removeValue(forKey: id) else { return }
            tasks.remove(waiter.task)
            waiter.continuation.resume(throwing: GenerationError.cancelled)
        case .interruptRunning:
            logger.info("running job interrupted: its client went away", metadata: ["job": "\(id)"])
            progress.interrupted = true
        case .unknown:
            break
        }
    }

    private func start(task: String, name: String, previewEvery: Int) {
        let now = Date()
        progress = JobProgress()
        progress.job = name
        progress.jobCount = -1
        progress.startedAt = now
        progress.jobTimestamp = JobProgress.timestamp(now)
        self.previewEvery = previewEvery
        tasks.start(task)
    }

    private func finish(_ id: JobID, task: String) {
        tasks.finish(task)
        let timestamp = progress.jobTimestamp
        progress = JobProgress()
        progress.jobTimestamp = timestamp
        if let next = queue.finish(id) {
            waiters.removeValue(forKey: next)?.continuation.resume()
        }
    }

    /// The task board and the running job's progress, read together.
    public var taskProgress: (tasks: TaskBoard, progress: JobProgress) { (tasks, progress) }

    /// Jobs running or waiting.
    public var pendingJobs: Int { queue.count }

    /// `/interrupt`: the running job stops after the current step and returns what it made.
    /// As in A1111 the flag is shown until the next job starts.
    public func interrupt() { progress.interrupted = true }

    /// `/skip`: the running batch stops; the job goes on with the next one.
    public func skip() { progress.skipped = true }

    func batchStarted(index: Int, of count: Int, steps: Int) {
        progress.jobCount = count
        progress.jobNumber = index
        progress.samplingStep = 0
        progress.samplingSteps = steps
        progress.skipped = false
        lastLoggedStep = (0, ContinuousClock.now)
        if count > 1 { progress.job = "Batch \(index + 1) out of \(count)" }
    }

    func stepFinished(_ step: Int, of steps: Int, preview: PreviewSource) -> StepDecision {
        progress.samplingStep = step
        progress.samplingSteps = steps
        if previewEvery > 0, step % previewEvery == 0, let image = try? preview.image(),
           let png = try? ImageEncoder.png(image) {
            progress.currentImage = Base64Image.encode(png)
            progress.livePreviewID += 1
        }
        if step == steps || step % 10 == 0 { logStep(step, of: steps) }
        return progress.decision
    }

    /// The operator's progress line: step, speed since the last line, and ETA of the job.
    private func logStep(_ step: Int, of steps: Int) {
        let now = ContinuousClock.now
        var speed = "-"
        if let last = lastLoggedStep, step > last.step {
            let seconds = (now - last.at) / .seconds(1)
            if seconds > 0 { speed = String(format: "%.2f", Double(step - last.step) / seconds) }
        }
        lastLoggedStep = (step, now)
        logger.info("sampling", metadata: [
            "job": "\(progress.job)", "step": "\(step)/\(steps)", "it/s": "\(speed)",
            "eta": "\(String(format: "%.1f", max(0, progress.etaRelative())))s",
        ])
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
