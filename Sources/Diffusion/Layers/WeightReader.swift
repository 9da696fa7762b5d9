import Checkpoint
import Tensor

/// Reads a model's tensors by checkpoint key while it is being built. Each block receives a
/// reader scoped to its own key prefix (`child("in_layers")`), asks for its tensors by their
/// last segment with the shape its config implies, and the model calls `finishLoading()` to
/// reject tensors nobody read. Errors carry the full key.
///
/// Weights for matrix products go to the backend as stored (a view of the file, no copy) and
/// the backend prepares them once: converted to its compute dtype and reordered into its own
/// layout (or hands back the copy it prepared before, when the source keeps them, as
/// `LoRAPatchedSource` does across LoRA switches). Converting here first would leave an owned copy alive in `PreparedWeight.original`
/// next to the backend's copy. Norm parameters and biases are small and kept in f32.
public struct WeightReader {
    public let source: any TensorSource
    public let backend: any Backend
    /// Full key prefix of this scope, ending in "." unless empty.
    public let prefix: String
    private let ledger: Ledger

    /// Keys read so far, shared by every scope derived from one root reader.
    private final class Ledger {
        var consumed: Set<String> = []
    }

    public init(source: any TensorSource, prefix: String, backend: any Backend) {
        self.source = source
        self.backend = backend
        self.prefix = prefix
        self.ledger = Ledger()
    }

    private init(parent: WeightReader, prefix: String) {
        source = parent.source
        backend = parent.backend
        ledger = parent.ledger
        self.prefix = prefix
    }

    /// The scope `<prefix><segment>.`.
    public func child(_ segment: String) -> WeightReader {
        WeightReader(parent: self, prefix: prefix + segment + ".")
    }

    public func child(_ index: Int) -> WeightReader { child(String(index)) }

    /// The tensor `<prefix><name>` as stored, after checking its shape.
    public func tensor(_ name: String, shape: [Int]) throws(DiffusionError) -> Tensor {
        let key = prefix + name
        guard let info = source.infos[key] else { throw .missingWeight(file: source.fileName, key: key) }
        guard info.shape == shape else {
            throw .weightShape(file: source.fileName, key: key, expected: shape, got: info.shape)
        }
        let tensor: Tensor
        do { tensor = try source.tensor(key) } catch {
            throw .unreadableWeight(file: source.fileName, key: key, reason: error.description)
        }
        ledger.consumed.insert(key)
        return tensor
    }

    /// A small parameter (norm scale, bias) in f32.
    public func parameter(_ name: String, shape: [Int]) throws(DiffusionError) -> Tensor {
        let stored = try tensor(name, shape: shape)
        let converted = stored.converted(to: .f32)
        if converted.storage !== stored.storage { stored.releaseResidentFilePages() }
        return converted
    }

    /// A linear weight `[out, in]`, prepared by the backend.
    public func linearWeight(_ name: String, shape: [Int]) throws(DiffusionError) -> PreparedWeight {
        let weight = try tensor(name, shape: shape)
        return try prepared(name, from: weight, kind: .linear) { try backend.prepareLinearWeight(weight) }
    }

    /// A 1x1 convolution weight `[out, in, 1, 1]` used as a linear weight `[out, in]` on tokens.
    public func linearWeight(fromConv1x1 name: String, outputs: Int, inputs: Int) throws(DiffusionError) -> PreparedWeight {
        let weight = try tensor(name, shape: [outputs, inputs, 1, 1])
        return try prepared(name, from: weight, kind: .linear) { try backend.prepareLinearWeight(weight.reshaped([outputs, inputs])) }
    }

    /// A convolution weight `[outC, inC, kH, kW]`, prepared by the backend.
    public func convWeight(_ name: String, shape: [Int]) throws(DiffusionError) -> PreparedWeight {
        let weight = try tensor(name, shape: shape)
        return try prepared(name, from: weight, kind: .conv) { try backend.prepareConvWeight(weight) }
    }

    /// `prepare`'s result (or the copy the source kept from before). The stored weight's file
    /// pages are released afterwards: the backend holds its own copy, and a backend that
    /// computes from the stored view (the reference backend) faults the pages back in.
    private func prepared(
        _ name: String, from weight: Tensor, kind: PreparedWeightKind, prepare: () throws -> PreparedWeight
    ) throws(DiffusionError) -> PreparedWeight {
        defer { weight.releaseResidentFilePages() }
        do { return try source.reusingPreparedWeight(prefix + name, kind: kind, prepare: prepare) } catch {
            throw .unreadableWeight(file: source.fileName, key: prefix + name, reason: "\(error)")
        }
    }

    /// Throws `unusedWeights` when a tensor under this scope's prefix was never read.
    public func finishLoading() throws(DiffusionError) {
        let unused = source.keys(withPrefix: prefix).filter { !ledger.consumed.contains($0) }.sorted()
        guard unused.isEmpty else { throw .unusedWeights(file: source.fileName, prefix: prefix, keys: unused) }
    }

}
