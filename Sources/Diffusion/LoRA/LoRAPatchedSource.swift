import Checkpoint
import Tensor

/// The base model's tensors with a LoRA set's patched weights in place of the originals. The
/// base is only read, never changed (its tensors stay views of the memory-mapped file); the
/// patched tensors are the only copies. Build a `UNet` or text encoder over it as over any
/// source: weights it has prepared before for the same values are reused.
public struct LoRAPatchedSource: PreparedWeightReusing {
    public let base: any TensorSource
    public let patched: PatchedWeights
    let store: PreparedWeightStore

    public var fileName: String { base.fileName }
    public var infos: [String: TensorInfo] { base.infos }

    public func tensor(_ key: String) throws(CheckpointError) -> Tensor {
        if let tensor = patched.tensors[key] { return tensor }
        return try base.tensor(key)
    }

    public func preparedWeight(_ key: String, kind: PreparedWeightKind, prepare: () throws -> PreparedWeight) throws -> PreparedWeight {
        let version: PreparedWeightStore.Version = patched.recipes[key].map { .patched($0) } ?? .base
        return try store.weight(key, kind: kind, version: version, prepare: prepare)
    }
}
