import Hummingbird

/// `/memory` and the liveness probe `/internal/ping`.
struct SystemController {
    var routes: [APIRoute] {
        [
            .json(.get, "/sdapi/v1/memory", tag: "system", summary: "Memory use", response: MemoryReport.schema) { _, _ in
                MemoryReport.wire()
            },
            .json(.get, "/internal/ping", tag: "system", summary: "Liveness probe", response: Schema.anyObject) { _, _ in
                [:]
            },
        ]
    }
}
