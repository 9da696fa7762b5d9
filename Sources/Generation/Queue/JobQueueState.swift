/// Identifies one job in the queue.
public struct JobID: Hashable, Sendable, CustomStringConvertible {
    public let value: UInt64
    public init(_ value: UInt64) { self.value = value }
    public var description: String { "job-\(value)" }
}

/// The queue as a value: at most one job runs, at most `capacity` wait in FIFO order. Every
/// transition says what the owner must do next, so the logic is tested without threads and
/// the service around it only acts on the answers.
public struct JobQueueState: Sendable, Equatable {
    public let capacity: Int
    public private(set) var running: JobID?
    public private(set) var waiting: [JobID] = []

    public init(capacity: Int) {
        self.capacity = max(0, capacity)
    }

    public enum Admission: Equatable, Sendable {
        /// Nothing was running: the job runs now.
        case start
        /// The job waits; `ahead` jobs are before it (the running one included).
        case queued(ahead: Int)
        /// `capacity` jobs already wait.
        case rejected
    }

    public mutating func submit(_ id: JobID) -> Admission {
        if running == nil, waiting.isEmpty {
            running = id
            return .start
        }
        guard waiting.count < capacity else { return .rejected }
        waiting.append(id)
        return .queued(ahead: waiting.count)
    }

    /// The running job finished; returns the job to start next, if any.
    public mutating func finish(_ id: JobID) -> JobID? {
        guard running == id else { return nil }
        running = waiting.isEmpty ? nil : waiting.removeFirst()
        return running
    }

    public enum Cancellation: Equatable, Sendable {
        /// It was waiting and is gone from the queue.
        case removed
        /// It is running: the owner must interrupt it (it leaves with `finish`).
        case interruptRunning
        /// Not known (already finished).
        case unknown
    }

    public mutating func cancel(_ id: JobID) -> Cancellation {
        if running == id { return .interruptRunning }
        guard let index = waiting.firstIndex(of: id) else { return .unknown }
        waiting.remove(at: index)
        return .removed
    }

    /// Jobs running or waiting.
    public var count: Int { waiting.count + (running == nil ? 0 : 1) }
}
