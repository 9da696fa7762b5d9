import Foundation

/// The JSON header of a `.safetensors` file, read without touching the tensor data: an
/// 8-byte little-endian length, then that many bytes of JSON mapping tensor names to
/// `{dtype, shape, data_offsets}` plus an optional `__metadata__` object of strings.
///
/// A deliberately tiny reader for listings (LoRA `ss_*` metadata, embedding shapes); the
/// `Checkpoint` target owns the full safetensors loader.
public struct SafetensorsHeader: Sendable, Equatable {
    /// Largest header accepted (the format's own limit is 100 MB).
    public static let maxHeaderBytes = 100_000_000

    /// The `__metadata__` strings (non-string values are skipped).
    public var metadata: [(key: String, value: String)]
    /// Tensor name -> shape.
    public var tensorShapes: [String: [Int]]

    public static func == (lhs: SafetensorsHeader, rhs: SafetensorsHeader) -> Bool {
        lhs.tensorShapes == rhs.tensorShapes && lhs.metadata.elementsEqual(rhs.metadata, by: { $0 == $1 })
    }

    public static func read(from file: URL) throws(CatalogError) -> SafetensorsHeader {
        let handle: FileHandle
        do { handle = try FileHandle(forReadingFrom: file) } catch {
            throw .unreadableHeader(file: file.path, reason: error.localizedDescription)
        }
        defer { try? handle.close() }
        do {
            guard let lengthBytes = try handle.read(upToCount: 8), lengthBytes.count == 8 else {
                throw CatalogError.unreadableHeader(file: file.path, reason: "file shorter than the 8-byte header length")
            }
            let length = lengthBytes.reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            guard length <= UInt64(maxHeaderBytes) else {
                throw CatalogError.unreadableHeader(file: file.path, reason: "header length \(length) exceeds \(maxHeaderBytes) bytes")
            }
            guard let json = try handle.read(upToCount: Int(length)), json.count == Int(length) else {
                throw CatalogError.unreadableHeader(file: file.path, reason: "file ends inside the \(length)-byte header")
            }
            return try parse(json: json, file: file.path)
        } catch let error as CatalogError {
            throw error
        } catch {
            throw .unreadableHeader(file: file.path, reason: error.localizedDescription)
        }
    }

    static func parse(json: Data, file: String) throws(CatalogError) -> SafetensorsHeader {
        let root: JSONValue
        do { root = try JSONValue.parse(json) } catch {
            throw .unreadableHeader(file: file, reason: "header is not JSON: \(error)")
        }
        guard let entries = root.objectEntries else {
            throw .unreadableHeader(file: file, reason: "header is not a JSON object")
        }
        var header = SafetensorsHeader(metadata: [], tensorShapes: [:])
        for (name, value) in entries {
            if name == "__metadata__" {
                header.metadata = (value.objectEntries ?? []).compactMap { key, value in
                    value.stringValue.map { (key: key, value: $0) }
                }
            } else if let shape = value["shape"]?.arrayElements {
                header.tensorShapes[name] = shape.compactMap { if case .int(let n) = $0 { n } else { nil } }
            }
        }
        return header
    }
}
