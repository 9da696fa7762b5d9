import Tensor

/// One adapter's change to one weight, in the form the file stores it. Applying it (in f32,
/// W ← W + strength · scale · ΔW, engine notes §7.3) is the Diffusion module's job.
public struct LoRAPatch: Sendable {
    /// Canonical key of the patched weight, e.g. `model.diffusion_model.input_blocks.4.1.proj_in.weight`.
    public let targetKey: String
    /// The module name as written in the file, for messages.
    public let sourceName: String
    public let delta: LoRADelta
    /// The file's `alpha`, when present.
    public let alpha: Float?
    /// A bias delta (`diff_b`), when present.
    public let biasDelta: Tensor?

    /// The factor ΔW is multiplied by before strength: alpha / rank for low-rank forms when
    /// alpha is given (LoKr: only when a factor is decomposed), else 1.
    public var scale: Float {
        guard let alpha, let rank = delta.rank else { return 1 }
        return alpha / Float(rank)
    }
}

/// The stored factors of ΔW.
public enum LoRADelta: Sendable {
    /// LoRA / LoCon: ΔW = up · (mid ∘) down. Conv: down [r, in, kh, kw], up [out, r, 1, 1];
    /// Tucker `mid` [r, r, kh, kw] when present.
    case lowRank(up: Tensor, down: Tensor, mid: Tensor?)
    /// LoHa: ΔW = (w1a · w1b) ⊙ (w2a · w2b), with optional Tucker cores t1, t2.
    case hadamard(w1a: Tensor, w1b: Tensor, w2a: Tensor, w2b: Tensor, t1: Tensor?, t2: Tensor?)
    /// LoKr: ΔW = w1 ⊗ w2, each factor full or a low-rank pair.
    case kronecker(w1: KroneckerFactor, w2: KroneckerFactor, t2: Tensor?)
    /// A full ΔW (`diff`).
    case full(Tensor)

    /// The rank that divides alpha, or nil when the form is not scaled.
    public var rank: Int? {
        switch self {
        case let .lowRank(_, down, _): down.shape.first
        case let .hadamard(_, w1b, _, _, _, _): w1b.shape.first
        case let .kronecker(w1, w2, _):
            // ComfyUI and A1111 take w2's rank when w2 is decomposed, else w1's.
            if case let .lowRank(_, b) = w2 { b.shape.first } else if case let .lowRank(_, b) = w1 { b.shape.first } else { nil }
        case .full: nil
        }
    }
}

public enum KroneckerFactor: Sendable {
    case full(Tensor)
    /// a · b
    case lowRank(a: Tensor, b: Tensor)
}
