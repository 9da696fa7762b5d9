import Foundation

/// A models folder in a fresh temporary directory, filled by the test with small files that
/// look like the real ones (safetensors header included), removed by `remove()`.
public struct TemporaryModelFolder: Sendable {
    public let root: URL

    public init(prefix: String = "sdserve-test") throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(prefix)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    /// Writes a `.safetensors` file at `relativePath` (folders created): a header with one
    /// tensor per `tensors` entry (F32, zero-filled data) and `metadata` as `__metadata__`.
    @discardableResult
    public func writeSafetensors(
        _ relativePath: String, tensors: [String: [Int]] = ["weight": [2, 2]], metadata: [String: String] = [:]
    ) throws -> URL {
        var entries: [String] = []
        if !metadata.isEmpty {
            let pairs = metadata.keys.sorted().map { "\(Self.quoted($0)):\(Self.quoted(metadata[$0] ?? ""))" }
            entries.append("\"__metadata__\":{\(pairs.joined(separator: ","))}")
        }
        var offset = 0
        for name in tensors.keys.sorted() {
            let shape = tensors[name] ?? []
            let bytes = shape.reduce(4, *)
            entries.append("\(Self.quoted(name)):{\"dtype\":\"F32\",\"shape\":[\(shape.map(String.init).joined(separator: ","))],\"data_offsets\":[\(offset),\(offset + bytes)]}")
            offset += bytes
        }
        let header = Array("{\(entries.joined(separator: ","))}".utf8)
        var length = UInt64(header.count).littleEndian
        var data = Data(bytes: &length, count: 8)
        data.append(contentsOf: header)
        data.append(Data(count: offset))
        return try write(data, to: relativePath)
    }

    /// Writes raw bytes at `relativePath`, creating folders.
    @discardableResult
    public func write(_ data: Data, to relativePath: String) throws -> URL {
        let url = root.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
        return url
    }

    /// Creates a symbolic link at `relativePath` pointing at `destination`.
    public func symlink(_ relativePath: String, to destination: URL) throws {
        let url = root.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: url, withDestinationURL: destination)
    }

    public func url(_ relativePath: String) -> URL { root.appendingPathComponent(relativePath) }

    public func remove() { try? FileManager.default.removeItem(at: root) }

    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
