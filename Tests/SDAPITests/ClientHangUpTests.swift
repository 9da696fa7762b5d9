import Generation
import SDTesting
import Testing

@testable import SDAPI

/// Clients that close their connection before the answer, over a real socket.
@Suite struct ClientHangUpTests {
    @Test func aQueuedJobIsDroppedAndARunningJobInterrupted() async throws {
        let server = try GenerationServer.make()
        defer { server.remove() }
        let log = LogRecorder()
        try await server.run(logger: log.logger(), live: true) { services, client, port in
            let generation = services.generation
            _ = try await client.post("/sdapi/v1/options", json: ["sd_model_checkpoint": "tiny-a"])

            // Queued: the job waits behind a held one, then its client leaves.
            let gate = Gate()
            let held = Task { try await generation.run(job: "held") { _, _ in await gate.wait() } }
            #expect(try await eventually { await generation.pendingJobs == 1 })
            let waiting = try RawConnection(port: port)
            try waiting.post("/sdapi/v1/txt2img", json: GenerationServer.txt2img(extra: [("force_task_id", "gone-queued")]).jsonText)
            #expect(try await eventually { await generation.tasks.status(of: "gone-queued").queued })
            waiting.hangUp()
            #expect(try await eventually { await generation.pendingJobs == 1 })
            #expect(await generation.tasks.status(of: "gone-queued") == TaskBoard.Status(active: false, queued: false, completed: false))
            #expect(log.lines("queued job dropped: its client went away").count == 1)
            await gate.open()
            try await held.value

            // Running: a long job stops soon after its client leaves, not after 3 × 400 steps.
            let running = try RawConnection(port: port)
            try running.post("/sdapi/v1/txt2img", json: GenerationServer.txt2img(
                steps: 400, extra: [("n_iter", 3), ("force_task_id", "gone-running")]).jsonText)
            #expect(try await eventually { await generation.progress.samplingStep >= 1 })
            running.hangUp()
            let ended = try await eventually { await generation.pendingJobs == 0 }
            #expect(ended)
            if !ended { await generation.interrupt() }  // fail fast instead of running 1200 steps
            #expect(await generation.tasks.status(of: "gone-running").completed)
            #expect(log.lines("running job interrupted: its client went away").count == 1)
        }
    }
}
