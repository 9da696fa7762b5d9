import Foundation
import Generation

/// `POST /internal/progress`'s body (A1111's `ProgressRequest`): which task, and the id of the
/// live preview the caller already has, so the same image is not sent twice.
struct InternalProgressRequest: WireModel, Equatable {
    var taskID: String?
    var livePreviewID = -1
    var livePreview = true

    static let schemaName = "ProgressRequest"

    static let fields: [WireField<InternalProgressRequest>] = [
        .field("id_task", \.taskID),
        .field("id_live_preview", \.livePreviewID),
        .field("live_preview", \.livePreview),
    ]
}

/// A1111's per-task `ProgressResponse`: a task that is not running says whether it waits
/// (and where) or has finished; the running one reports progress without `/progress`'s 0.01
/// offset, its ETA, and a live preview newer than the caller's as a data URL.
enum InternalProgressResponse {
    static func wire(
        _ request: InternalProgressRequest, tasks: TaskBoard, progress state: JobProgress, livePreviews: Bool,
        now: Date = Date()
    ) -> JSONValue {
        let task = request.taskID ?? ""
        let status = tasks.status(of: task)
        guard status.active else {
            let textinfo = status.place.map { "In queue: \($0.position)/\($0.of)" } ?? "Waiting..."
            return object(status, progress: nil, eta: nil, preview: nil, previewID: -1, textinfo: textinfo)
        }
        var progress = 0.0
        if state.jobCount > 0 {
            progress = Double(state.jobNumber) / Double(state.jobCount)
            if state.samplingSteps > 0 {
                progress += Double(state.samplingStep) / Double(state.samplingSteps) / Double(state.jobCount)
            }
        }
        progress = min(progress, 1)
        var eta: Double?
        if progress > 0, let startedAt = state.startedAt {
            let elapsed = now.timeIntervalSince(startedAt)
            eta = elapsed / progress - elapsed
        }
        var preview: String?
        var previewID = request.livePreviewID
        if livePreviews, request.livePreview, state.livePreviewID != request.livePreviewID, let image = state.currentImage {
            preview = "data:image/png;base64," + image
            previewID = state.livePreviewID
        }
        return object(status, progress: progress, eta: eta, preview: preview, previewID: previewID, textinfo: state.textInfo)
    }

    private static func object(
        _ status: TaskBoard.Status, progress: Double?, eta: Double?, preview: String?, previewID: Int, textinfo: String?
    ) -> JSONValue {
        [
            "active": .bool(status.active), "queued": .bool(status.queued), "completed": .bool(status.completed),
            "progress": .double(progress), "eta": .double(eta),
            "live_preview": .string(preview), "id_live_preview": .int(previewID), "textinfo": .string(textinfo),
        ]
    }

    static let schema = Schema.object("ProgressResponse", [
        ("active", Schema.boolean), ("queued", Schema.boolean), ("completed", Schema.boolean),
        ("progress", Schema.nullable(Schema.number)), ("eta", Schema.nullable(Schema.number)),
        ("live_preview", Schema.nullable(Schema.string)), ("id_live_preview", Schema.integer),
        ("textinfo", Schema.nullable(Schema.string)),
    ])
}
