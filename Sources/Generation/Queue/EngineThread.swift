import Foundation

/// One long-lived thread that runs, in the order they arrive, the jobs of every task that
/// prefers it (`withTaskExecutorPreference`). Generation computes for seconds between
/// suspension points (a UNet step, a model load); on Swift's cooperative pool, which has one
/// thread per core, that would keep the HTTP handlers (`/progress`, `/interrupt`) waiting.
/// Here it blocks only this thread.
///
/// The thread holds the executor until it exits: `shutDown()` lets it run what is queued and
/// end. Jobs that arrive after that run on the global executor instead of waiting forever.
///
/// `@unchecked Sendable`: `jobs`, `stopping`, `thread` and `ended` are read and written only
/// while `condition` is locked.
final class EngineThread: TaskExecutor, @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var stopping = false
    /// The running thread; nil before it starts and after it ends.
    private var thread: pthread_t?
    private var ended = false

    /// `name`: the thread's name in `top -H`, `gdb` and crash reports.
    init(name: String) {
        Thread { [self] in
            // Set from the thread itself: on Linux a name given before `start()` is not applied.
            Thread.current.name = name
            runJobs()
        }.start()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let accepted = condition.withLock {
            guard !stopping else { return false }
            jobs.append(job)
            condition.signal()
            return true
        }
        if !accepted { globalConcurrentExecutor.enqueue(job) }
    }

    /// Lets the thread end once the jobs already queued have run.
    func shutDown() {
        condition.withLock {
            stopping = true
            condition.signal()
        }
    }

    /// Whether the caller runs on this executor's thread.
    var isCurrent: Bool {
        condition.withLock { thread.map { pthread_equal($0, pthread_self()) != 0 } ?? false }
    }

    /// Whether the thread has ended (after `shutDown()`).
    var hasEnded: Bool { condition.withLock { ended } }

    private func runJobs() {
        condition.lock()
        thread = pthread_self()
        while true {
            while jobs.isEmpty && !stopping { condition.wait() }
            if jobs.isEmpty { break }
            let batch = jobs
            jobs.removeAll(keepingCapacity: true)
            condition.unlock()
            for job in batch { job.runSynchronously(on: asUnownedTaskExecutor()) }
            condition.lock()
        }
        thread = nil
        ended = true
        condition.unlock()
    }
}
