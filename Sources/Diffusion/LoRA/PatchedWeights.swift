import Checkpoint
import Tensor

/// The weights a LoRA set changes: for every patched canonical key, W + Σ sᵢ · scaleᵢ · ΔWᵢ
/// computed in f32 in chain order and stored in the base tensor's dtype (engine notes §7.3,
/// §7.4). Only affected weights are held; everything else stays the base model's.
public struct PatchedWeights: Sendable {
    /// Patched tensors by canonical key, with the base tensor's shape and dtype.
    public let tensors: [String: Tensor]
    /// What produced each patched key (file identities and strengths in order), so a switch
    /// can keep keys whose recipe did not change.
    let recipes: [String: Recipe]

    struct Recipe: Hashable, Sendable {
        var contributions: [Contribution]
    }

    /// One patch's part in a key's recipe.
    struct Contribution: Hashable, Sendable {
        let identity: String
        let module: String
        let isBias: Bool
        let strength: Float
    }

    public static let none = PatchedWeights(tensors: [:], recipes: [:])

    /// Applies `set` to `base`. Keys whose recipe equals the one in `previous` keep its tensor.
    /// The deltas and sums run on `backend`, which should multiply in fp32 (the default,
    /// `ReferenceBackend`, is exact and slow; pass the CPU backend in fp32 to switch quickly).
    /// Keys are patched one after another; the backend parallelises each product.
    public static func compute(
        _ set: [LoRAApplication], base: any TensorSource, reusing previous: PatchedWeights = .none,
        backend: any Backend = ReferenceBackend()
    ) throws(LoRAError) -> PatchedWeights {
        var plan: [String: [PatchStep]] = [:]
        for application in set {
            for patch in application.file.patches {
                let strength = application.strength(for: patch.targetKey)
                guard strength != 0 else { continue }
                plan[patch.targetKey, default: []].append(PatchStep(application: application, patch: patch, strength: strength, part: .weight))
                if patch.biasDelta != nil {
                    plan[Self.biasKey(patch.targetKey), default: []].append(
                        PatchStep(application: application, patch: patch, strength: strength, part: .bias))
                }
            }
        }
        var tensors: [String: Tensor] = [:], recipes: [String: Recipe] = [:]
        // Sorted, so the first failing key in order is the one reported.
        for (key, steps) in plan.sorted(by: { $0.key < $1.key }) {
            let recipe = Recipe(contributions: steps.map(\.contribution))
            recipes[key] = recipe
            if previous.recipes[key] == recipe, let kept = previous.tensors[key] {
                tensors[key] = kept
            } else {
                tensors[key] = try patch(key, steps: steps, base: base, backend: backend)
            }
        }
        return PatchedWeights(tensors: tensors, recipes: recipes)
    }

    /// W + Σ sᵢ·ΔWᵢ for one key, in f32, stored in the base tensor's dtype.
    private static func patch(_ key: String, steps: [PatchStep], base: any TensorSource, backend: any Backend) throws(LoRAError) -> Tensor {
        let weight: Tensor
        do { weight = try base.tensor(key) } catch {
            throw .unreadableBase(file: base.fileName, key: key, reason: error.description)
        }
        var value = weight
        for step in steps {
            let delta = try step.scaledDelta(weightShape: weight.shape, backend: backend)
            do { value = try backend.binary(value, backend.affine(delta, scale: step.strength, offset: 0), .add) } catch {
                throw .unreadableBase(file: base.fileName, key: key, reason: "adding the delta failed: \(error)")
            }
        }
        do { return try backend.convert(value, to: weight.dtype) } catch {
            throw .unreadableBase(file: base.fileName, key: key, reason: "\(error)")
        }
    }

    /// Keys whose value differs between `self` and `other` (patched in one only, or patched differently).
    public func changedKeys(comparedTo other: PatchedWeights) -> Set<String> {
        Set(recipes.keys).union(other.recipes.keys).filter { recipes[$0] != other.recipes[$0] }
    }

    static func biasKey(_ weightKey: String) -> String {
        weightKey.hasSuffix(".weight") ? String(weightKey.dropLast("weight".count)) + "bias" : weightKey + ".bias"
    }
}

/// One patch's contribution to one key: its weight delta, or its bias delta (`diff_b`) on the
/// matching `.bias` key.
private struct PatchStep: Sendable {
    enum Part { case weight, bias }
    let application: LoRAApplication
    let patch: LoRAPatch
    let strength: Float
    let part: Part

    var contribution: PatchedWeights.Contribution {
        .init(identity: application.identity, module: patch.sourceName, isBias: part == .bias, strength: strength)
    }

    func scaledDelta(weightShape: [Int], backend: any Backend) throws(LoRAError) -> Tensor {
        let file = application.file.fileName
        guard part == .bias, let bias = patch.biasDelta else {
            return try patch.scaledDelta(weightShape: weightShape, file: file, backend: backend)
        }
        guard bias.count == weightShape.reduce(1, *) else {
            throw .shapeMismatch(
                file: file, module: patch.sourceName, targetKey: PatchedWeights.biasKey(patch.targetKey),
                weightShape: weightShape, deltaShape: bias.shape)
        }
        do { return try bias.reshaped(weightShape) } catch {
            throw .malformedFactors(file: file, module: patch.sourceName, reason: "diff_b: \(error)")
        }
    }
}
