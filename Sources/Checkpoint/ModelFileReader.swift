#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Opens any supported model file by its content, not its extension: a zip or pickle signature
/// means PyTorch, anything else is read as safetensors.
public enum ModelFileReader {
    public enum Format: String, Sendable, Codable {
        case safetensors
        case pytorch
    }

    public static func format(ofFileAt path: String) throws(CheckpointError) -> Format {
        guard let handle = fopen(path, "rb") else { throw .io(file: path, reason: "cannot open (\(String(cString: strerror(errno))))") }
        defer { fclose(handle) }
        var magic = [UInt8](repeating: 0, count: 4)
        let count = fread(&magic, 1, 4, handle)
        if count >= 1, magic[0] == 0x80 { return .pytorch }
        if count == 4, magic == [0x50, 0x4B, 0x03, 0x04] { return .pytorch }
        return .safetensors
    }

    public static func open(_ path: String) throws(CheckpointError) -> any TensorSource {
        switch try format(ofFileAt: path) {
        case .safetensors: try SafetensorsFile(path: path)
        case .pytorch: try TorchCheckpointFile(path: path)
        }
    }
}
