import Tensor

/// A memory-mapped `.safetensors` file. Opening validates the whole header; tensors are
/// zero-copy views whose storage borrows the mapping.
public struct SafetensorsFile: TensorSource {
    public let fileName: String
    public let infos: [String: TensorInfo]
    /// The `__metadata__` strings (LoRA training `ss_*` fields, format hints).
    public let metadata: [String: String]
    /// Where each tensor's bytes start inside the file.
    private let offsets: [String: Int]
    private let storage: TensorStorage

    public init(path: String) throws(CheckpointError) {
        let mapping = try MappedFile(path: path)
        let header = try SafetensorsHeader(bytes: mapping.bytes, file: path)
        fileName = path
        metadata = header.metadata
        infos = header.entries.mapValues(\.info)
        offsets = header.entries.mapValues { header.dataStart + $0.range.lowerBound }
        storage = mapping.storage()
    }

    /// Validates a safetensors image held in memory and lists its tensors; exposed for fuzzing
    /// and for callers that already hold the bytes.
    public static func validate(bytes: UnsafeRawBufferPointer, file: String) throws(CheckpointError) -> [String: TensorInfo] {
        try SafetensorsHeader(bytes: bytes, file: file).entries.mapValues(\.info)
    }

    public func tensor(_ key: String) throws(CheckpointError) -> Tensor {
        guard let info = infos[key], let offset = offsets[key] else { throw .missingTensor(file: fileName, key: key) }
        let dtype = try tensorDType(info, key: key)
        do {
            return try Tensor(shape: info.shape, dtype: dtype, storage: storage, byteOffset: offset)
        } catch {
            throw .malformed(file: fileName, key: key, reason: "\(error)")
        }
    }

}
