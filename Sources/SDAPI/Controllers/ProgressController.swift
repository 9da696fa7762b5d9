import Generation
import Hummingbird

/// `/progress`, `/internal/progress`, `/interrupt` and `/skip`: they stay answerable while a job runs.
struct ProgressController {
    let services: APIServices

    var routes: [APIRoute] {
        let services = services
        let generation = services.generation
        return [
            .json(.get, "/sdapi/v1/progress", tag: "progress", summary: "Progress of the running job",
                  queryParameters: [("skip_current_image", Schema.boolean.adding("default", false))],
                  response: ProgressResponse.schema) { request, _ in
                var skipImage = false
                if let raw = request.uri.queryParameters.get("skip_current_image") {
                    do throws(FieldIssue) {
                        skipImage = try Bool.fromWire(.string(raw))
                    } catch {
                        throw RequestValidationError([ValidationIssue(
                            location: ["query", "skip_current_image"], message: error.message, type: error.type)])
                    }
                }
                var progress = await generation.progress
                if skipImage { progress.currentImage = nil }
                return ProgressResponse.wire(progress)
            },
            .json(.post, "/internal/progress", tag: "progress", summary: "Progress of one task (force_task_id)",
                  requestBody: InternalProgressRequest.schema, response: InternalProgressResponse.schema) { request, context in
                let body = try await RequestBody.decode(InternalProgressRequest.self, request, context: context)
                let livePreviews = await services.settings.settings.livePreviewsEnable
                let (tasks, progress) = await generation.taskProgress
                return InternalProgressResponse.wire(body, tasks: tasks, progress: progress, livePreviews: livePreviews)
            },
            .json(.post, "/sdapi/v1/interrupt", tag: "progress", summary: "Stop the running job, keeping what it made",
                  response: Schema.anyObject) { _, _ in
                await generation.interrupt()
                return [:]
            },
            .json(.post, "/sdapi/v1/skip", tag: "progress", summary: "Skip the current batch of the running job",
                  response: Schema.null) { _, _ in
                await generation.skip()
                return .null
            },
        ]
    }
}
