import Checkpoint
import Tensor

/// ΔW of one parsed patch in f32 (engine notes §7.3), as ComfyUI's weight adapters and
/// A1111's Lora extension compute it, with the products on `backend` (multiplying in fp32).
extension LoRAPatch {
    /// `scale · ΔW` (scale = alpha / rank, `LoRAPatch.scale`) in f32, shaped as the target
    /// weight of `weightShape`; strength is applied by the caller.
    public func scaledDelta(weightShape: [Int], file: String, backend: any Backend) throws(LoRAError) -> Tensor {
        let factors = FactorReader(file: file, module: sourceName, backend: backend)
        let delta = try deltaMatrix(factors)
        guard delta.count == weightShape.reduce(1, *) else {
            throw .shapeMismatch(file: file, module: sourceName, targetKey: targetKey, weightShape: weightShape, deltaShape: delta.shape)
        }
        let scale = self.scale
        return try factors.run("scaling the delta") {
            let scaled = scale != 1 ? try backend.affine(delta, scale: scale, offset: 0)
                : delta.dtype == .f32 ? delta : try backend.convert(delta, to: .f32)
            return try scaled.reshaped(weightShape)
        }
    }

    /// ΔW as a matrix `[rows, cols]` (cols = in · kh · kw for convolutions).
    private func deltaMatrix(_ factors: FactorReader) throws(LoRAError) -> Tensor {
        switch delta {
        case let .lowRank(up, down, mid):
            var inner = try factors.matrix(down, "lora_down")  // [rank, in]
            if let mid {
                // LoCon Tucker: down [r, in, 1, 1] then mid [r', r, kh, kw] acts as the conv.
                let core = try factors.core(mid, "lora_mid", inputRank: inner.shape[0])
                let down = inner
                inner = try factors.run("lora_mid · lora_down") { try LoRAMath.coreTimes(core, down, backend: factors.backend) }
            }
            let upMatrix = try factors.matrix(up, "lora_up")
            guard upMatrix.shape[1] == inner.shape[0] else {
                throw factors.fail("lora_up \(up.shape) does not match rank \(inner.shape[0])")
            }
            let right = inner
            return try factors.run("lora_up · lora_down") { try LoRAMath.matmul(upMatrix, right, backend: factors.backend) }
        case let .hadamard(w1a, w1b, w2a, w2b, t1, t2):
            let first = try factors.product(a: w1a, b: w1b, core: t1, "hada_w1")
            let second = try factors.product(a: w2a, b: w2b, core: t2, "hada_w2")
            guard first.shape == second.shape else {
                throw factors.fail("hada_w1 gives \(first.shape) but hada_w2 gives \(second.shape)")
            }
            return try factors.run("hada_w1 ⊙ hada_w2") { try factors.backend.binary(first, second, .mul) }
        case let .kronecker(w1, w2, t2):
            let left = try factors.kroneckerFactor(w1, core: nil, "lokr_w1")
            let right = try factors.kroneckerFactor(w2, core: t2, "lokr_w2")
            return try factors.run("lokr_w1 ⊗ lokr_w2") { try LoRAMath.kron(left, right, backend: factors.backend) }
        case let .full(diff):
            return try factors.matrix(diff, "diff")
        }
    }
}

/// Reads factor tensors as matrices and checks they fit, naming the module on failure.
private struct FactorReader {
    let file: String
    let module: String
    let backend: any Backend

    func fail(_ reason: String) -> LoRAError { .malformedFactors(file: file, module: module, reason: reason) }

    /// A backend computation, its failure reported against this module.
    func run(_ what: String, _ body: () throws -> Tensor) throws(LoRAError) -> Tensor {
        do { return try body() } catch { throw fail("\(what) failed: \(error)") }
    }

    /// `tensor` as `[rows, count / rows]` (a view).
    func matrix(_ tensor: Tensor, _ name: String) throws(LoRAError) -> Tensor {
        guard let rows = tensor.shape.first, rows > 0, tensor.count > 0 else { throw fail("\(name) has shape \(tensor.shape)") }
        return try run("reading \(name)") { try tensor.reshaped([rows, tensor.count / rows]) }
    }

    /// A Tucker core `[R1, R2, kh, kw]` whose R2 must be `inputRank`.
    func core(_ tensor: Tensor, _ name: String, inputRank: Int) throws(LoRAError) -> Tensor {
        guard tensor.rank == 4, tensor.shape[1] == inputRank, tensor.count > 0 else {
            throw fail("\(name) \(tensor.shape) is not a [r, \(inputRank), kh, kw] Tucker core")
        }
        return tensor
    }

    /// `a · b`, or with a Tucker core the `[out, in·kh·kw]` product of core, b `[R2, in]` and a `[R1, out]`.
    func product(a: Tensor, b: Tensor, core: Tensor?, _ name: String) throws(LoRAError) -> Tensor {
        let left = try matrix(a, name + "_a"), right = try matrix(b, name + "_b")
        guard let core else {
            guard left.shape[1] == right.shape[0] else { throw fail("\(name)_a \(a.shape) and \(name)_b \(b.shape) do not multiply") }
            return try run("\(name)_a · \(name)_b") { try LoRAMath.matmul(left, right, backend: backend) }
        }
        let tucker = try self.core(core, name.replacingOccurrences(of: "_w", with: "_t"), inputRank: right.shape[0])
        guard tucker.shape[0] == left.shape[0] else { throw fail("\(name)_a \(a.shape) does not match its Tucker core \(core.shape)") }
        return try run("\(name) Tucker product") { try LoRAMath.tucker(core: tucker, b: right, a: left, backend: backend) }
    }

    /// A LoKr factor as a matrix: full (a 4-D w2 is `[out, in·kh·kw]`) or a product.
    func kroneckerFactor(_ factor: KroneckerFactor, core: Tensor?, _ name: String) throws(LoRAError) -> Tensor {
        switch factor {
        case let .full(tensor):
            if core != nil { throw fail("lokr_t2 needs lokr_w2_a and lokr_w2_b, not a full lokr_w2") }
            if name == "lokr_w1", tensor.rank > 2, tensor.shape.dropFirst(2).contains(where: { $0 != 1 }) {
                throw fail("lokr_w1 \(tensor.shape) has a spatial kernel; only lokr_w2 may")
            }
            return try matrix(tensor, name)
        case let .lowRank(a, b):
            return try product(a: a, b: b, core: core, name)
        }
    }
}
