import Testing
@testable import Generation

struct JobQueueStateTests {
    @Test func firstJobStartsAndOthersWaitInOrder() {
        var queue = JobQueueState(capacity: 2)
        #expect(queue.submit(JobID(1)) == .start)
        #expect(queue.submit(JobID(2)) == .queued(ahead: 1))
        #expect(queue.submit(JobID(3)) == .queued(ahead: 2))
        #expect(queue.finish(JobID(1)) == JobID(2))
        #expect(queue.finish(JobID(2)) == JobID(3))
        #expect(queue.finish(JobID(3)) == nil)
        #expect(queue.count == 0)
    }

    @Test func fullQueueRejects() {
        var queue = JobQueueState(capacity: 1)
        #expect(queue.submit(JobID(1)) == .start)
        #expect(queue.submit(JobID(2)) == .queued(ahead: 1))
        #expect(queue.submit(JobID(3)) == .rejected)
        #expect(queue.count == 2)
    }

    @Test func zeroCapacityStillRunsOneJob() {
        var queue = JobQueueState(capacity: 0)
        #expect(queue.submit(JobID(1)) == .start)
        #expect(queue.submit(JobID(2)) == .rejected)
    }

    @Test func cancellingAWaitingJobRemovesItAndARunningOneAsksForInterrupt() {
        var queue = JobQueueState(capacity: 3)
        _ = queue.submit(JobID(1))
        _ = queue.submit(JobID(2))
        _ = queue.submit(JobID(3))
        #expect(queue.cancel(JobID(2)) == .removed)
        #expect(queue.cancel(JobID(1)) == .interruptRunning)
        #expect(queue.cancel(JobID(9)) == .unknown)
        #expect(queue.finish(JobID(1)) == JobID(3))
    }

    @Test func finishingAJobThatIsNotRunningChangesNothing() {
        var queue = JobQueueState(capacity: 1)
        _ = queue.submit(JobID(1))
        _ = queue.submit(JobID(2))
        #expect(queue.finish(JobID(2)) == nil)
        #expect(queue.running == JobID(1))
    }
}
