import Foundation
import Generation
import SDTesting
import Testing

@testable import SDAPI

/// `POST /internal/progress` per task id, as A1111's web UI polls it.
@Suite struct InternalProgressRouteTests {
    @Test func queuedRunningAndFinishedTasks() async throws {
        let server = try TestServer()
        defer { server.remove() }
        try await server.run { services, client in
            let generation = services.generation
            func progress(_ task: String) async throws -> JSONValue {
                try await client.post("/internal/progress", json: ["id_task": .string(task)]).json
            }
            let gate = Gate()
            let first = Task { try await generation.run(job: "first", taskID: "task(first)") { _, _ in await gate.wait() } }
            #expect(try await eventually { await generation.pendingJobs == 1 })
            let second = Task { try await generation.run(job: "second", taskID: "task(second)") { _, _ in } }
            #expect(try await eventually { await generation.pendingJobs == 2 })

            #expect(try await progress("task(second)") == [
                "active": false, "queued": true, "completed": false, "progress": nil, "eta": nil,
                "live_preview": nil, "id_live_preview": -1, "textinfo": "In queue: 1/1",
            ])
            let running = try await progress("task(first)")
            #expect(running["active"] == true && running["queued"] == false)
            // Still being set up (no batch yet): no progress, so no ETA.
            #expect(running["progress"] == 0.0 && running["eta"] == .null)
            #expect(try await progress("task(unknown)")["textinfo"] == "Waiting...")

            await gate.open()
            try await first.value
            try await second.value
            for task in ["task(first)", "task(second)"] {
                let done = try await progress(task)
                #expect(done["completed"] == true && done["active"] == false && done["queued"] == false)
            }
            let missing = try await client.post("/internal/progress", json: ["id_live_preview": "many"])
            #expect(missing.status == .unprocessableContent)
        }
    }

    @Test func runningTaskReportsProgressEtaAndOnlyANewerPreview() {
        var tasks = TaskBoard()
        tasks.start("task(a)")
        var state = JobProgress()
        state.jobCount = 2
        state.jobNumber = 1
        state.samplingStep = 5
        state.samplingSteps = 10
        let start = Date(timeIntervalSince1970: 1000)
        state.startedAt = start
        state.currentImage = "iVBORw0KGgo="
        state.livePreviewID = 3
        var request = InternalProgressRequest()
        request.taskID = "task(a)"
        let fresh = InternalProgressResponse.wire(
            request, tasks: tasks, progress: state, livePreviews: true, now: start.addingTimeInterval(30))
        #expect(fresh["progress"] == 0.75)
        #expect(fresh["eta"] == 10.0)
        #expect(fresh["live_preview"] == "data:image/png;base64,iVBORw0KGgo=")
        #expect(fresh["id_live_preview"] == 3)
        request.livePreviewID = 3
        let seen = InternalProgressResponse.wire(request, tasks: tasks, progress: state, livePreviews: true)
        #expect(seen["live_preview"] == .null && seen["id_live_preview"] == 3)
        request.livePreviewID = -1
        let disabled = InternalProgressResponse.wire(request, tasks: tasks, progress: state, livePreviews: false)
        #expect(disabled["live_preview"] == .null && disabled["id_live_preview"] == -1)
    }
}
