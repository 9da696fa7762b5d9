import Generation
import Testing

@testable import SDAPI

@Suite struct ProgressRouteTests {
    @Test func idleProgressHasA1111Shape() async throws {
        let server = try TestServer()
        defer { server.remove() }
        try await server.run { _, client in
            let progress = try await client.get("/sdapi/v1/progress?skip_current_image=false").json
            #expect(progress == [
                "progress": 0.0, "eta_relative": 0.0,
                "state": ["skipped": false, "interrupted": false, "stopping_generation": false, "job": "",
                          "job_count": 0, "job_timestamp": "0", "job_no": 0, "sampling_step": 0, "sampling_steps": 0],
                "current_image": nil, "textinfo": nil,
            ])
            let bad = try await client.get("/sdapi/v1/progress?skip_current_image=maybe")
            #expect(bad.status == .unprocessableContent)
            #expect(bad.json["detail"]?[0]?["loc"] == ["query", "skip_current_image"])
        }
    }

    @Test func interruptAndSkipFlagTheJob() async throws {
        let server = try TestServer()
        defer { server.remove() }
        try await server.run { services, client in
            await services.jobs.begin(job: "scripts_txt2img", batches: 2)
            await services.jobs.update(step: 10, of: 20)
            let busy = try await client.get("/sdapi/v1/progress").json
            #expect(busy["progress"] == .double(0.01 + 0.25))
            #expect(busy["state"]?["job_count"] == 2)
            #expect(try await client.post("/sdapi/v1/skip").json == .null)
            let interrupted = try await client.post("/sdapi/v1/interrupt")
            #expect(interrupted.status == .ok)
            #expect(interrupted.json == [:])
            let state = try await client.get("/sdapi/v1/progress").json["state"]
            #expect(state?["interrupted"] == true)
            #expect(state?["skipped"] == true)
        }
    }
}
