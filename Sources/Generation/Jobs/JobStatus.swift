import Foundation

/// What the generation worker is doing, as A1111's `/progress` reports it.
public struct JobState: Sendable, Equatable {
    public var job = ""
    /// Batches in the current job; 0 when idle.
    public var jobCount = 0
    /// Batches finished so far.
    public var jobNumber = 0
    public var samplingStep = 0
    public var samplingSteps = 0
    public var skipped = false
    public var interrupted = false
    public var stoppingGeneration = false
    /// `YYYYMMDDhhmmss` of the job start, `"0"` before the first job.
    public var jobTimestamp = "0"
    /// When the current job started (for the ETA).
    public var startedAt: Date?

    public init() {}

    public var isIdle: Bool { jobCount == 0 }

    /// A1111's progress: `0.01 + job_no/job_count + (step/steps)/job_count`, at most 1; 0 when idle.
    public var progress: Double {
        guard jobCount > 0 else { return 0 }
        var value = 0.01 + Double(jobNumber) / Double(jobCount)
        if samplingSteps > 0 { value += Double(samplingStep) / Double(samplingSteps) / Double(jobCount) }
        return min(value, 1)
    }

    /// Seconds left, extrapolated from the time spent so far; 0 when idle.
    public func etaRelative(now: Date = Date()) -> Double {
        guard jobCount > 0, let startedAt, progress > 0 else { return 0 }
        let elapsed = now.timeIntervalSince(startedAt)
        return elapsed / progress - elapsed
    }
}

/// The shared, observable state of the generation worker: `/progress` reads it, `/interrupt`
/// and `/skip` flag it, and the pipeline updates it step by step and checks the flags.
public actor JobStatus {
    public private(set) var state = JobState()

    public init() {}

    /// Asks the running job to stop after the current model call and return what it has.
    public func interrupt() { state.interrupted = true }

    /// Asks the running job to stop the current batch and go on with the next.
    public func skip() { state.skipped = true }

    /// Starts a job of `batches` batches, clearing the interrupt and skip flags.
    public func begin(job: String, batches: Int, now: Date = Date()) {
        state = JobState()
        state.job = job
        state.jobCount = batches
        state.startedAt = now
        state.jobTimestamp = Self.timestamp(now)
    }

    /// Records sampling progress within the current batch.
    public func update(step: Int, of steps: Int) {
        state.samplingStep = step
        state.samplingSteps = steps
    }

    /// Marks the current batch done and clears the skip flag for the next one.
    public func finishBatch() {
        state.jobNumber += 1
        state.samplingStep = 0
        state.skipped = false
    }

    /// Back to idle; the timestamp of the last job stays, as in A1111.
    public func end() {
        let timestamp = state.jobTimestamp
        state = JobState()
        state.jobTimestamp = timestamp
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyyMMddHHmmss"
        return formatter.string(from: date)
    }
}
