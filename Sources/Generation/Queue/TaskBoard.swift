/// Which tasks (A1111's `id_task`, set by `force_task_id`) are waiting, running or recently
/// finished, for `/internal/progress`. Only the last `finishedLimit` finished ids are kept,
/// as in A1111, so the board stays small however long the server runs.
public struct TaskBoard: Sendable, Equatable {
    public static let finishedLimit = 16

    public private(set) var current: String?
    /// Waiting tasks, oldest first.
    public private(set) var queued: [String] = []
    /// The most recently finished tasks, oldest first.
    public private(set) var finished: [String] = []

    public init() {}

    /// What `/internal/progress` says about one task.
    public struct Status: Sendable, Equatable {
        public var active: Bool
        public var queued: Bool
        public var completed: Bool
        /// Where a waiting task stands, when queued.
        public var place: QueuePlace?

        public init(active: Bool, queued: Bool, completed: Bool, place: QueuePlace? = nil) {
            self.active = active
            self.queued = queued
            self.completed = completed
            self.place = place
        }
    }

    /// 1-based place among the waiting tasks and how many wait.
    public struct QueuePlace: Sendable, Equatable {
        public var position: Int
        public var of: Int

        public init(position: Int, of: Int) {
            self.position = position
            self.of = of
        }
    }

    public func status(of task: String) -> Status {
        let index = queued.firstIndex(of: task)
        return Status(
            active: current == task, queued: index != nil, completed: finished.contains(task),
            place: index.map { QueuePlace(position: $0 + 1, of: queued.count) })
    }

    public mutating func enqueue(_ task: String) { queued.append(task) }

    public mutating func start(_ task: String) {
        remove(task)
        current = task
    }

    /// The task ended (done, interrupted or failed).
    public mutating func finish(_ task: String) {
        if current == task { current = nil }
        finished.append(task)
        if finished.count > Self.finishedLimit { finished.removeFirst(finished.count - Self.finishedLimit) }
    }

    /// The task left the queue without running (its client went away).
    public mutating func remove(_ task: String) {
        if let index = queued.firstIndex(of: task) { queued.remove(at: index) }
    }

    /// A1111's default task id: `task(<kind>-XXXXXXX)` with 7 characters from A–Z and 0–9.
    public static func newTaskID(kind: String) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        return "task(\(kind)-\(String((0..<7).map { _ in alphabet[Int.random(in: 0..<alphabet.count)] })))"
    }
}
