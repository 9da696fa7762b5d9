/// Facts about the job that come from outside the request: when it started and which
/// version wrote it (both shown in `info` and infotext).
public struct JobContext: Sendable {
    /// `YYYYMMDDhhmmss`.
    public var timestamp: String
    /// `Version` in infotext and `info.version`; nil omits it.
    public var version: String?

    public init(timestamp: String, version: String?) {
        self.timestamp = timestamp
        self.version = version
    }
}
