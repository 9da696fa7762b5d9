import Foundation
import Sampling

/// What `/progress` reports about the running job (spec §3), as a value: the pipeline moves it
/// forward, `/interrupt` and `/skip` set its flags, the sampler loop reads them.
public struct JobProgress: Sendable, Equatable {
    public var job = ""
    /// Batches in the job: −1 while it is being set up, 0 when idle.
    public var jobCount = 0
    /// Batches finished.
    public var jobNumber = 0
    public var samplingStep = 0
    public var samplingSteps = 0
    public var skipped = false
    public var interrupted = false
    public var stoppingGeneration = false
    /// `YYYYMMDDhhmmss` of the last job's start, `"0"` before any.
    public var jobTimestamp = "0"
    public var startedAt: Date?
    /// Base64 PNG of the latest live preview.
    public var currentImage: String?
    /// Counts the live previews of this job, so a poller can ask only for a newer one.
    public var livePreviewID = 0
    public var textInfo: String?

    public init() {}

    public var isIdle: Bool { jobCount == 0 }

    /// `0.01 + job_no/job_count + (step/steps)/job_count`, before clamping.
    var unclampedProgress: Double {
        guard jobCount != 0 else { return 0 }
        var value = 0.01 + Double(jobNumber) / Double(jobCount)
        if samplingSteps > 0 { value += Double(samplingStep) / Double(samplingSteps) / Double(jobCount) }
        return value
    }

    /// 0 when idle, at most 1.
    public var progress: Double { min(max(unclampedProgress, 0), 1) }

    /// `elapsed / progress − elapsed`; 0 when idle.
    public func etaRelative(now: Date = Date()) -> Double {
        guard jobCount != 0, let startedAt, unclampedProgress > 0 else { return 0 }
        let elapsed = now.timeIntervalSince(startedAt)
        return elapsed / unclampedProgress - elapsed
    }

    /// The flags turned into what the sampler should do after a step.
    var decision: StepDecision {
        interrupted || stoppingGeneration ? .interrupt : (skipped ? .skip : .proceed)
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone.current
        formatter.dateFormat = "yyyyMMddHHmmss"
        return formatter.string(from: date)
    }
}
