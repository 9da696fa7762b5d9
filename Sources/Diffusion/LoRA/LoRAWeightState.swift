import Checkpoint
import Tensor

/// The LoRA state of one loaded checkpoint: its base weights (untouched), the active LoRA set
/// and that set's patched weights. Build the UNet and text encoders over `source`; after
/// `activate` returns a switch, rebuild the parts it names over the new `source`. Unchanged
/// weights are neither recomputed nor re-prepared, and the same set again costs nothing.
///
/// Memory beyond the base model: the patched tensors of the active set (base dtype) and their
/// prepared copies; nothing for unpatched weights.
public struct LoRAWeightState: Sendable {
    public let base: any TensorSource
    public private(set) var active: LoRASetFingerprint = .none
    public private(set) var patched: PatchedWeights = .none
    private let store = PreparedWeightStore()

    public init(base: any TensorSource) {
        self.base = base
    }

    /// The base with the active set applied.
    public var source: LoRAPatchedSource { LoRAPatchedSource(base: base, patched: patched, store: store) }

    /// Weights the backend has prepared through this state so far (reuses not counted).
    public var preparedWeightCount: Int { store.preparations }

    /// Prepared copies of patched weights held now: only those of the active set.
    public var heldPatchedWeightCount: Int { store.patchedCount }

    /// Makes `set` the active LoRA set (chain order matters only for rounding). Returns nil
    /// when it already is; otherwise the weights whose values changed. On error nothing changes.
    /// `backend` computes the deltas (`PatchedWeights.compute`): an fp32 one.
    public mutating func activate(_ set: [LoRAApplication], backend: any Backend = ReferenceBackend()) throws(LoRAError) -> LoRASwitch? {
        let fingerprint = LoRASetFingerprint(set)
        guard fingerprint != active else { return nil }
        let next = try PatchedWeights.compute(set, base: base, reusing: patched, backend: backend)
        let changed = next.changedKeys(comparedTo: patched)
        store.retainPatched(next.recipes)
        patched = next
        active = fingerprint
        return LoRASwitch(changedKeys: changed)
    }
}

/// What a LoRA switch changed: rebuild the UNet when `changesUNet`, the text encoders when
/// `changesTextEncoders`.
public struct LoRASwitch: Sendable, Equatable {
    public let changedKeys: Set<String>

    public var changesUNet: Bool { changedKeys.contains { $0.hasPrefix(CanonicalPrefix.unet) } }
    public var changesTextEncoders: Bool { changedKeys.contains { !$0.hasPrefix(CanonicalPrefix.unet) } }
}
