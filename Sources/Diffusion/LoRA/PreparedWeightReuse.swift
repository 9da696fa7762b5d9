import Checkpoint
import Foundation
import Tensor

/// How a weight was handed to the backend.
public enum PreparedWeightKind: Hashable, Sendable {
    case linear, conv
}

/// A tensor source that keeps the weights it has seen prepared for the backend and hands them
/// back when a model is built over it again, so a rebuild after a LoRA switch prepares only
/// the weights whose values changed. `WeightReader` and `CLIPWeightReader` ask through
/// `TensorSource.reusingPreparedWeight`.
public protocol PreparedWeightReusing: TensorSource {
    func preparedWeight(_ key: String, kind: PreparedWeightKind, prepare: () throws -> PreparedWeight) throws -> PreparedWeight
}

extension TensorSource {
    /// The weight prepared earlier for `key` when this source keeps them, else `prepare()`.
    public func reusingPreparedWeight(
        _ key: String, kind: PreparedWeightKind, prepare: () throws -> PreparedWeight
    ) throws -> PreparedWeight {
        guard let reusing = self as? any PreparedWeightReusing else { return try prepare() }
        return try reusing.preparedWeight(key, kind: kind, prepare: prepare)
    }
}

/// Prepared weights by key and version: the base model's stay for the model's lifetime (the
/// model holds the same objects, so keeping them costs nothing), patched ones only while
/// their recipe is active.
final class PreparedWeightStore: @unchecked Sendable {
    enum Version: Hashable {
        case base
        case patched(PatchedWeights.Recipe)
    }

    private struct Slot: Hashable {
        let key: String
        let kind: PreparedWeightKind
        let version: Version
    }

    private let lock = NSLock()
    private var weights: [Slot: PreparedWeight] = [:]
    private var preparationCount = 0

    /// Weights prepared by the backend so far (not counting reuses).
    var preparations: Int { lock.withLock { preparationCount } }

    /// Patched weights held now (base ones are shared with the model and cost nothing).
    var patchedCount: Int {
        lock.withLock { weights.keys.count { if case .patched = $0.version { true } else { false } } }
    }

    func weight(
        _ key: String, kind: PreparedWeightKind, version: Version, prepare: () throws -> PreparedWeight
    ) throws -> PreparedWeight {
        let slot = Slot(key: key, kind: kind, version: version)
        if let kept = lock.withLock({ weights[slot] }) { return kept }
        let prepared = try prepare()
        lock.withLock {
            weights[slot] = prepared
            preparationCount += 1
        }
        return prepared
    }

    /// Forgets patched weights whose key is not patched by `recipes` in the same way.
    func retainPatched(_ recipes: [String: PatchedWeights.Recipe]) {
        lock.withLock {
            weights = weights.filter { slot, _ in
                guard case let .patched(recipe) = slot.version else { return true }
                return recipes[slot.key] == recipe
            }
        }
    }
}
