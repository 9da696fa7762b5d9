import Tensor

/// A PyTorch zip checkpoint (`.ckpt`, `.pt`, `.pth`, `.bin`) read through the restricted
/// unpickler. Tensors are views into the memory-mapped zip (storages are stored uncompressed).
/// Nested dicts are flattened with "." (a Lightning `state_dict` wrapper is unwrapped), so an
/// SD checkpoint shows the same keys as its safetensors conversion.
public struct TorchCheckpointFile: TensorSource {
    public let fileName: String
    public let infos: [String: TensorInfo]
    /// Non-tensor leaves (numbers, strings) by flattened key, e.g. an embedding's `step` and `name`.
    public let scalars: [String: String]
    private let offsets: [String: Int]
    private let storage: TensorStorage

    public init(path: String) throws(CheckpointError) {
        let mapping = try MappedFile(path: path)
        let contents = try Self.parse(bytes: mapping.bytes, file: path)
        fileName = path
        infos = contents.infos
        offsets = contents.offsets
        scalars = contents.scalars
        storage = mapping.storage()
    }

    /// The tensors (with their absolute byte offsets) and scalars of a PyTorch zip checkpoint
    /// held in memory. Exposed for fuzzing and for callers that already hold the bytes.
    public static func parse(
        bytes: UnsafeRawBufferPointer, file: String
    ) throws(CheckpointError) -> (infos: [String: TensorInfo], offsets: [String: Int], scalars: [String: String]) {
        guard bytes.count >= 4, bytes[0] == 0x50, bytes[1] == 0x4B, bytes[2] == 3, bytes[3] == 4 else {
            if bytes.first == 0x80 {
                throw .unsupported(file: file, key: nil, feature: "the legacy (pre-1.6, non-zip) PyTorch format",
                                   hint: "Re-save it with a current PyTorch (torch.save) or convert it to .safetensors.")
            }
            throw .malformed(file: file, key: nil, reason: "not a PyTorch zip checkpoint (no zip signature)")
        }
        let archive = try ZipArchive(bytes: bytes, file: file)
        let pickles = archive.entries.keys.filter { $0.hasSuffix("/data.pkl") && $0.split(separator: "/").count == 2 }
        guard pickles.count == 1, let pickleName = pickles.first, let pickle = archive.entries[pickleName] else {
            throw .malformed(file: file, key: nil, reason: "expected one '<archive>/data.pkl', found \(pickles.count)")
        }
        let root = String(pickleName.dropLast("data.pkl".count))
        try requireStored(pickle, file: file)
        if let order = archive.entries[root + "byteorder"] {
            try requireStored(order, file: file)
            let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[order.dataOffset..<order.dataOffset + order.size]), as: UTF8.self)
            guard text == "little" else {
                throw .unsupported(file: file, key: nil, feature: "\(text.prefix(16))-endian tensors", hint: "Re-save the file on a little-endian machine.")
            }
        }
        var unpickler = Unpickler(UnsafeRawBufferPointer(rebasing: bytes[pickle.dataOffset..<pickle.dataOffset + pickle.size]), file: file)
        var flat = FlattenedPickle()
        flat.collect(try unpickler.load(), prefix: "")
        if flat.tensors.keys.contains(where: { $0.hasPrefix("state_dict.") }) {
            flat = flat.unwrapping("state_dict.")
        }

        var infos: [String: TensorInfo] = [:], offsets: [String: Int] = [:]
        for (key, reference) in flat.tensors {
            guard let entry = archive.entries[root + "data/" + reference.storage.key] else {
                throw .malformed(file: file, key: key, reason: "storage '\(reference.storage.key)' is missing from the archive")
            }
            try requireStored(entry, file: file)
            let elementSize = reference.storage.dtype.byteSize
            let (storageBytes, overflow) = reference.storage.elementCount.multipliedReportingOverflow(by: elementSize)
            guard !overflow, storageBytes <= entry.size else {
                throw .malformed(file: file, key: key, reason: "storage '\(reference.storage.key)' is shorter than declared")
            }
            infos[key] = TensorInfo(dtype: reference.storage.dtype, shape: reference.shape)
            offsets[key] = entry.dataOffset + reference.storageOffset * elementSize
        }
        return (infos, offsets, flat.scalars)
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

    private static func requireStored(_ entry: ZipArchive.Entry, file: String) throws(CheckpointError) {
        guard entry.method == 0 else {
            throw .unsupported(file: file, key: entry.name, feature: "a compressed zip entry (method \(entry.method))",
                               hint: "torch.save writes uncompressed entries; re-save the checkpoint with torch.save or convert it to .safetensors.")
        }
    }
}

/// Tensors and scalar leaves of an unpickled object, keyed by dotted path. Walks at most
/// `Unpickler.maxDepth` levels and visits each container once, so shared or cyclic
/// structures cannot make it loop.
struct FlattenedPickle {
    var tensors: [String: TensorReference] = [:]
    var scalars: [String: String] = [:]
    private var visited = Set<ObjectIdentifier>()

    mutating func collect(_ value: PickleValue, prefix: String, depth: Int = 0) {
        guard depth <= Unpickler.maxDepth else { return }
        switch value {
        case let .tensor(reference): tensors[prefix] = reference
        case let .int(number): scalars[prefix] = String(number)
        case let .float(number): scalars[prefix] = String(number)
        case let .string(text): scalars[prefix] = text
        case let .bool(flag): scalars[prefix] = String(flag)
        case let .dict(dict):
            guard visited.insert(ObjectIdentifier(dict)).inserted else { return }
            for (name, item) in dict.entries {
                let part: String
                switch name {
                case let .string(text): part = text
                case let .int(number): part = String(number)
                default: continue
                }
                collect(item, prefix: prefix.isEmpty ? part : prefix + "." + part, depth: depth + 1)
            }
        default: break
        }
    }

    func unwrapping(_ prefix: String) -> FlattenedPickle {
        var result = FlattenedPickle()
        for (key, value) in tensors where key.hasPrefix(prefix) { result.tensors[String(key.dropFirst(prefix.count))] = value }
        result.scalars = scalars
        return result
    }
}
