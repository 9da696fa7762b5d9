import Foundation
import HTTPTypes

/// Where a generation request's time went, sent back as the standard `Server-Timing` header
/// (durations in milliseconds) so operators and `sdserve bench txt2img` can tell the engine's
/// time from the server's own.
struct ServerTiming: Sendable {
    /// Waiting in the job queue for its turn.
    var queue: Duration = .zero
    /// Loading the checkpoint, or taking it from the model cache.
    var model: Duration = .zero
    /// The pipeline: text encoding, sampling, VAE, inpainting paste-back.
    var engine: Duration = .zero
    /// Encoding the images with their infotext, base64, the `info` JSON and the response body.
    var response: Duration = .zero

    var headerValue: String {
        [("queue", queue), ("model", model), ("engine", engine), ("response", response)]
            .map { name, duration in
                let (seconds, attoseconds) = duration.components
                let milliseconds = Double(seconds) * 1e3 + Double(attoseconds) / 1e15
                return String(format: "%@;dur=%.3f", name, milliseconds)
            }
            .joined(separator: ", ")
    }
}

extension HTTPField.Name {
    /// `Server-Timing` (W3C Server Timing).
    static let serverTiming = HTTPField.Name("Server-Timing")!
}
