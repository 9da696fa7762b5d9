import Tensor

/// A `TensorSource` seen under other names: each canonical key maps to a source key and a
/// transform. Reading is lazy; views stay views.
public struct RemappedSource: TensorSource {
    public let base: any TensorSource
    public let mappings: [String: KeyMapping]
    public let infos: [String: TensorInfo]
    public var fileName: String { base.fileName }

    /// Throws when a transform cannot apply to its source shape.
    public init(base: any TensorSource, mappings: [String: KeyMapping]) throws(CheckpointError) {
        var infos: [String: TensorInfo] = [:]
        for (key, mapping) in mappings {
            guard let info = base.infos[mapping.sourceKey] else { throw .missingTensor(file: base.fileName, key: mapping.sourceKey) }
            guard let shape = mapping.transform.shape(from: info.shape) else {
                throw .malformed(file: base.fileName, key: mapping.sourceKey,
                                 reason: "shape \(info.shape) cannot be converted (\(mapping.transform)) to '\(key)'")
            }
            infos[key] = TensorInfo(dtype: info.dtype, shape: shape)
        }
        self.base = base
        self.mappings = mappings
        self.infos = infos
    }

    public func tensor(_ key: String) throws(CheckpointError) -> Tensor {
        guard let mapping = mappings[key] else { throw .missingTensor(file: fileName, key: key) }
        let source = try base.tensor(mapping.sourceKey)
        do {
            return try mapping.transform.apply(source)
        } catch {
            throw .malformed(file: fileName, key: mapping.sourceKey, reason: "\(error)")
        }
    }
}
