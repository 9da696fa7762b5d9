import Foundation
import Logging

/// Keeps every log line (message and metadata) so tests can check what an operator sees.
final class LogRecorder: @unchecked Sendable {
    struct Line: Sendable {
        var message: String
        var metadata: [String: String]
    }

    private let lock = NSLock()
    private var stored: [Line] = []

    var lines: [Line] { lock.withLock { stored } }

    func lines(_ message: String) -> [Line] { lines.filter { $0.message == message } }

    fileprivate func append(_ line: Line) { lock.withLock { stored.append(line) } }

    /// A logger whose lines land here.
    func logger(label: String = "sdserve-test") -> Logger {
        Logger(label: label) { _ in RecordingLogHandler(recorder: self) }
    }
}

private struct RecordingLogHandler: LogHandler {
    let recorder: LogRecorder
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        recorder.append(LogRecorder.Line(message: event.message.description, metadata: merged.mapValues { "\($0)" }))
    }
}
