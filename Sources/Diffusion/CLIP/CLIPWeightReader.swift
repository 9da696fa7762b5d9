import Checkpoint
import Tensor

/// Reads the CLIP text encoder's tensors from a `TensorSource` by full canonical key, checking each shape and
/// remembering what was read, so that loading can end with `requireAllUsed(under:)`.
/// Blocks take it `inout` in their initializers, next to the key segments they own.
public struct CLIPWeightReader {
    public let source: any TensorSource
    public let backend: any Backend
    private var used: Set<String> = []

    public init(source: any TensorSource, backend: any Backend) {
        self.source = source
        self.backend = backend
    }

    /// The tensor under `key`, which must have exactly `shape`.
    public mutating func tensor(_ key: String, shape: [Int]) throws(ModelLoadError) -> Tensor {
        guard let info = source.infos[key] else { throw .weights(.missingTensor(file: source.fileName, key: key)) }
        guard info.shape == shape else {
            throw .weights(.shapeMismatch(file: source.fileName, key: key, expected: shape, got: info.shape))
        }
        used.insert(key)
        do { return try source.tensor(key) } catch { throw .weights(error) }
    }

    /// `<prefix>weight` `[out, in]` prepared by the backend, and `<prefix>bias` `[out]` when `bias`.
    public mutating func linear(_ prefix: String, in inputs: Int, out outputs: Int, bias: Bool = true) throws(ModelLoadError) -> Linear {
        let key = prefix + "weight"
        let weight = try tensor(key, shape: [outputs, inputs])
        let prepared: PreparedWeight
        do { prepared = try source.reusingPreparedWeight(key, kind: .linear) { try backend.prepareLinearWeight(weight) } } catch {
            throw .preparation(file: source.fileName, key: key, reason: "\(error)")
        }
        return Linear(weight: prepared, bias: bias ? try tensor(prefix + "bias", shape: [outputs]) : nil)
    }

    /// `<prefix>weight` and `<prefix>bias`, both `[width]`.
    public mutating func layerNorm(_ prefix: String, width: Int, eps: Float) throws(ModelLoadError) -> LayerNorm {
        LayerNorm(weight: try tensor(prefix + "weight", shape: [width]), bias: try tensor(prefix + "bias", shape: [width]), eps: eps)
    }

    /// Throws `unusedTensors` when a key under `prefix` was never read.
    public func requireAllUsed(under prefix: String) throws(ModelLoadError) {
        let unused = source.keys(withPrefix: prefix).filter { !used.contains($0) }
        guard unused.isEmpty else { throw .unusedTensors(file: source.fileName, prefix: prefix, keys: unused) }
    }
}
