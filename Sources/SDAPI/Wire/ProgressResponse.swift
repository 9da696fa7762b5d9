import Foundation
import Generation

/// A1111's `ProgressResponse` for a job state.
enum ProgressResponse {
    static func wire(_ state: JobState, now: Date = Date()) -> JSONValue {
        [
            "progress": .double(state.progress),
            "eta_relative": .double(state.etaRelative(now: now)),
            "state": [
                "skipped": .bool(state.skipped),
                "interrupted": .bool(state.interrupted),
                "stopping_generation": .bool(state.stoppingGeneration),
                "job": .string(state.job),
                "job_count": .int(state.jobCount),
                "job_timestamp": .string(state.jobTimestamp),
                "job_no": .int(state.jobNumber),
                "sampling_step": .int(state.samplingStep),
                "sampling_steps": .int(state.samplingSteps),
            ],
            "current_image": nil,
            "textinfo": nil,
        ]
    }

    static let schema = Schema.object("ProgressResponse", [
        ("progress", Schema.number), ("eta_relative", Schema.number),
        ("state", Schema.object("State", [
            ("skipped", Schema.boolean), ("interrupted", Schema.boolean), ("stopping_generation", Schema.boolean),
            ("job", Schema.string), ("job_count", Schema.integer), ("job_timestamp", Schema.string),
            ("job_no", Schema.integer), ("sampling_step", Schema.integer), ("sampling_steps", Schema.integer),
        ])),
        ("current_image", Schema.nullable(Schema.string)), ("textinfo", Schema.nullable(Schema.string)),
    ])
}
