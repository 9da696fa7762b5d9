#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Opens any supported model file by its content, not its extension: a JSON header after the
/// 8-byte length means safetensors, a zip or pickle signature means PyTorch, anything else is
/// read (and rejected) as safetensors.
public enum ModelFileReader {
    public enum Format: String, Sendable, Codable {
        case safetensors
        case pytorch
    }

    public static func format(ofFileAt path: String) throws(CheckpointError) -> Format {
        guard let handle = fopen(path, "rb") else { throw .io(file: path, reason: "cannot open (\(String(cString: strerror(errno))))") }
        defer { fclose(handle) }
        var magic = [UInt8](repeating: 0, count: 9)
        let count = fread(&magic, 1, 9, handle)
        if count == 9, magic[8] == UInt8(ascii: "{") { return .safetensors }
        if count >= 4, Array(magic[0..<4]) == [0x50, 0x4B, 0x03, 0x04] { return .pytorch }
        if count >= 1, magic[0] == 0x80 { return .pytorch }
        return .safetensors
    }

    public static func open(_ path: String) throws(CheckpointError) -> any TensorSource {
        switch try format(ofFileAt: path) {
        case .safetensors: try SafetensorsFile(path: path)
        case .pytorch: try TorchCheckpointFile(path: path)
        }
    }
}
