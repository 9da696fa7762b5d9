#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Tensor

/// Writes `.safetensors` files. Tensors are streamed one at a time, so a full-size model can be
/// produced while holding only its largest tensor in memory. Keys are written sorted, the
/// header is padded with spaces to a multiple of 8 so every tensor starts 8-byte aligned
/// relative to the data section.
public enum SafetensorsWriter {
    /// Writes `planned` tensors in key order; `fill` must write every byte of the buffer it
    /// is handed (sized for that tensor's dtype and shape).
    public static func write(
        to path: String,
        planned: [String: TensorInfo],
        metadata: [String: String] = [:],
        fill: (String, TensorInfo, UnsafeMutableRawBufferPointer) throws -> Void
    ) throws(CheckpointError) {
        let names = planned.keys.sorted()
        let header = headerBytes(names: names, planned: planned, metadata: metadata)
        guard let handle = fopen(path, "wb") else {
            throw .io(file: path, reason: "cannot create (\(String(cString: strerror(errno))))")
        }
        defer { fclose(handle) }
        var length = UInt64(header.count).littleEndian
        let ok = withUnsafeBytes(of: &length) { fwrite($0.baseAddress, 1, 8, handle) == 8 }
            && header.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, handle) == $0.count }
        guard ok else { throw .io(file: path, reason: "write failed") }
        for name in names {
            let info = planned[name]!
            let count = info.elementCount * info.dtype.byteSize
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(count, 1), alignment: 64)
            defer { buffer.deallocate() }
            let slice = UnsafeMutableRawBufferPointer(rebasing: buffer[0..<count])
            do {
                try fill(name, info, slice)
            } catch let error as CheckpointError {
                throw error
            } catch {
                throw .io(file: path, reason: "producing '\(name)' failed: \(error)")
            }
            guard count == 0 || fwrite(slice.baseAddress, 1, count, handle) == count else {
                throw .io(file: path, reason: "write of '\(name)' failed")
            }
        }
    }

    /// Writes in-memory tensors.
    public static func write(to path: String, tensors: [String: Tensor], metadata: [String: String] = [:]) throws(CheckpointError) {
        let planned = tensors.mapValues { TensorInfo(dtype: StoredDType($0.dtype), shape: $0.shape) }
        try write(to: path, planned: planned, metadata: metadata) { name, _, buffer in
            let tensor = tensors[name]!
            buffer.copyMemory(from: UnsafeRawBufferPointer(start: tensor.rawPointer, count: tensor.byteCount))
        }
    }

    static func headerBytes(names: [String], planned: [String: TensorInfo], metadata: [String: String]) -> [UInt8] {
        var parts: [String] = []
        if !metadata.isEmpty {
            let fields = metadata.keys.sorted().map { "\(jsonString($0)):\(jsonString(metadata[$0]!))" }
            parts.append("\"__metadata__\":{\(fields.joined(separator: ","))}")
        }
        var offset = 0
        for name in names {
            let info = planned[name]!
            let end = offset + info.elementCount * info.dtype.byteSize
            let shape = info.shape.map(String.init).joined(separator: ",")
            parts.append("\(jsonString(name)):{\"dtype\":\"\(info.dtype.rawValue)\",\"shape\":[\(shape)],\"data_offsets\":[\(offset),\(end)]}")
            offset = end
        }
        var bytes = Array("{\(parts.joined(separator: ","))}".utf8)
        while bytes.count % 8 != 0 { bytes.append(0x20) }
        return bytes
    }

    static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
