import Foundation
import Testing

@testable import Generation

@Suite struct JobStatusTests {
    @Test func idleStateReportsNoProgress() async {
        let state = await JobStatus().state
        #expect(state.progress == 0)
        #expect(state.jobCount == 0)
        #expect(state.etaRelative() == 0)
        #expect(state.jobTimestamp == "0")
    }

    @Test func progressFollowsA1111Formula() async {
        let jobs = JobStatus()
        let start = Date(timeIntervalSince1970: 1_700_000_000)
        await jobs.begin(job: "scripts_txt2img", batches: 2, now: start)
        await jobs.update(step: 5, of: 20)
        var state = await jobs.state
        #expect(abs(state.progress - (0.01 + 0.0 + 0.25 / 2)) < 1e-12)
        await jobs.finishBatch()
        await jobs.update(step: 20, of: 20)
        state = await jobs.state
        #expect(state.progress == 1)
        #expect(abs(state.etaRelative(now: start.addingTimeInterval(10))) < 1e-9)
        await jobs.interrupt()
        #expect(await jobs.state.interrupted)
        await jobs.end()
        #expect(await jobs.state.isIdle)
        #expect(await jobs.state.jobTimestamp.count == 14)
    }
}
