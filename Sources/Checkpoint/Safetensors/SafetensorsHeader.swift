import Foundation

/// The parsed and validated JSON header of a safetensors file: for each tensor its dtype,
/// shape and byte range inside the data section, plus the free-form `__metadata__` strings.
///
/// Layout: 8-byte little-endian header length N, N bytes of UTF-8 JSON, then the data section;
/// `data_offsets` are relative to the data section's start.
struct SafetensorsHeader {
    struct Entry {
        let info: TensorInfo
        /// Byte range inside the data section.
        let range: Range<Int>
    }

    /// Same limit as the reference implementation: a header larger than this is refused
    /// before any allocation.
    static let maxHeaderBytes = 100_000_000

    let entries: [String: Entry]
    let metadata: [String: String]
    /// Offset of the data section from the start of the file.
    let dataStart: Int

    init(bytes: UnsafeRawBufferPointer, file: String) throws(CheckpointError) {
        guard bytes.count >= 8 else {
            throw .malformed(file: file, key: nil, reason: "shorter than the 8-byte header length")
        }
        var length: UInt64 = 0
        for i in (0..<8).reversed() { length = length << 8 | UInt64(bytes[i]) }
        guard length >= 2, length <= UInt64(Self.maxHeaderBytes), length <= UInt64(bytes.count - 8) else {
            throw .malformed(
                file: file, key: nil,
                reason: "header length \(length) does not fit the file of \(bytes.count) bytes (limit \(Self.maxHeaderBytes))")
        }
        dataStart = 8 + Int(length)
        let json = Data(bytes[8..<dataStart])
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: json)
        } catch {
            throw .malformed(file: file, key: nil, reason: "header is not valid JSON")
        }
        guard let root = object as? [String: Any] else {
            throw .malformed(file: file, key: nil, reason: "header is not a JSON object")
        }
        metadata = try Self.parseMetadata(root["__metadata__"], file: file)
        let dataSize = bytes.count - dataStart
        var entries: [String: Entry] = [:]
        for (key, value) in root where key != "__metadata__" {
            entries[key] = try Self.parseEntry(value, key: key, dataSize: dataSize, file: file)
        }
        try Self.checkNoOverlaps(entries, file: file)
        self.entries = entries
    }

    private static func parseMetadata(_ value: Any?, file: String) throws(CheckpointError) -> [String: String] {
        guard let value else { return [:] }
        guard let dict = value as? [String: Any] else {
            throw .malformed(file: file, key: "__metadata__", reason: "metadata is not an object")
        }
        var result: [String: String] = [:]
        for (key, item) in dict {
            guard let text = item as? String else {
                throw .malformed(file: file, key: "__metadata__", reason: "metadata value '\(key)' is not a string")
            }
            result[key] = text
        }
        return result
    }

    private static func parseEntry(_ value: Any, key: String, dataSize: Int, file: String) throws(CheckpointError) -> Entry {
        guard let dict = value as? [String: Any],
              let dtypeName = dict["dtype"] as? String,
              let shapeValues = dict["shape"] as? [Any],
              let offsetValues = dict["data_offsets"] as? [Any], offsetValues.count == 2
        else {
            throw .malformed(file: file, key: key, reason: "entry needs 'dtype', 'shape' and two 'data_offsets'")
        }
        guard let dtype = StoredDType(rawValue: dtypeName) else {
            throw .unsupported(
                file: file, key: key, feature: "safetensors dtype '\(dtypeName)'",
                hint: "Convert the file to F16, BF16 or F32.")
        }
        let shape = try shapeValues.map { (item) throws(CheckpointError) -> Int in
            guard let dim = exactInt(item), dim >= 0 else {
                throw .malformed(file: file, key: key, reason: "shape \(shapeValues) has a non-integer or negative dimension")
            }
            return dim
        }
        guard let begin = exactInt(offsetValues[0]), let end = exactInt(offsetValues[1]),
              begin >= 0, begin <= end, end <= dataSize
        else {
            throw .malformed(
                file: file, key: key,
                reason: "data_offsets \(offsetValues) are not inside the data section of \(dataSize) bytes")
        }
        var byteCount = dtype.byteSize
        for dim in shape {
            let (product, overflow) = byteCount.multipliedReportingOverflow(by: dim)
            guard !overflow else { throw .malformed(file: file, key: key, reason: "shape \(shape) overflows") }
            byteCount = product
        }
        guard byteCount == end - begin else {
            throw .malformed(
                file: file, key: key,
                reason: "\(dtypeName) \(shape) needs \(byteCount) bytes but data_offsets span \(end - begin)")
        }
        return Entry(info: TensorInfo(dtype: dtype, shape: shape), range: begin..<end)
    }

    /// JSON numbers arrive as NSNumber; accept only exact integers below 2^53 (no 1.5, no 1e300).
    private static func exactInt(_ value: Any) -> Int? {
        guard let number = value as? NSNumber else { return nil }
        let double = number.doubleValue
        guard double.rounded() == double, abs(double) < 9.0e15 else { return nil }
        return number.intValue
    }

    private static func checkNoOverlaps(_ entries: [String: Entry], file: String) throws(CheckpointError) {
        let sorted = entries.filter { !$0.value.range.isEmpty }.sorted { $0.value.range.lowerBound < $1.value.range.lowerBound }
        for (previous, next) in zip(sorted, sorted.dropFirst()) where next.value.range.lowerBound < previous.value.range.upperBound {
            throw .malformed(file: file, key: next.key, reason: "data overlaps tensor '\(previous.key)'")
        }
    }
}
