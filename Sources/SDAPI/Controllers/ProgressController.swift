import Generation
import Hummingbird

/// `/progress`, `/interrupt` and `/skip`: they stay answerable while a job runs.
struct ProgressController {
    let services: APIServices

    var routes: [APIRoute] {
        let jobs = services.jobs
        return [
            .json(.get, "/sdapi/v1/progress", tag: "progress", summary: "Progress of the running job",
                  queryParameters: [("skip_current_image", Schema.boolean.adding("default", false))],
                  response: ProgressResponse.schema) { request, _ in
                if let raw = request.uri.queryParameters.get("skip_current_image") {
                    do throws(FieldIssue) {
                        _ = try Bool.fromWire(.string(raw))
                    } catch {
                        throw RequestValidationError([ValidationIssue(
                            location: ["query", "skip_current_image"], message: error.message, type: error.type)])
                    }
                }
                return ProgressResponse.wire(await jobs.state)
            },
            .json(.post, "/sdapi/v1/interrupt", tag: "progress", summary: "Stop the running job, keeping what it made",
                  response: Schema.anyObject) { _, _ in
                await jobs.interrupt()
                return [:]
            },
            .json(.post, "/sdapi/v1/skip", tag: "progress", summary: "Skip the current batch of the running job",
                  response: Schema.null) { _, _ in
                await jobs.skip()
                return .null
            },
        ]
    }
}
