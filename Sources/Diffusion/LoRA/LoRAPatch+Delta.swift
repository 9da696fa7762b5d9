import Checkpoint
import Tensor

/// ΔW of one parsed patch in f32 (engine notes §7.3), as ComfyUI's weight adapters and
/// A1111's Lora extension compute it.
extension LoRAPatch {
    /// `scale · ΔW` (scale = alpha / rank, `LoRAPatch.scale`), flattened row-major in the
    /// layout of the target weight of `weightShape`; strength is applied by the caller.
    public func scaledDelta(weightShape: [Int], file: String) throws(LoRAError) -> [Float] {
        let (values, shape) = try deltaMatrix(file: file)
        guard values.count == weightShape.reduce(1, *) else {
            throw .shapeMismatch(file: file, module: sourceName, targetKey: targetKey, weightShape: weightShape, deltaShape: shape)
        }
        let scale = self.scale
        return scale == 1 ? values : values.map { $0 * scale }
    }

    /// ΔW as a row-major matrix `[rows, cols]` (cols = in · kh · kw for convolutions).
    private func deltaMatrix(file: String) throws(LoRAError) -> (values: [Float], shape: [Int]) {
        let factors = FactorReader(file: file, module: sourceName)
        switch delta {
        case let .lowRank(up, down, mid):
            var (inner, rank, columns) = try factors.matrix(down, "lora_down")
            if let mid {
                // LoCon Tucker: down [r, in, 1, 1] then mid [r', r, kh, kw] acts as the conv.
                let core = try factors.core(mid, "lora_mid", inputRank: rank)
                inner = LoRAMath.coreTimes(core.values, r1: core.r1, r2: rank, spatial: core.spatial, inner, inputs: columns)
                (rank, columns) = (core.r1, columns * core.spatial)
            }
            let (upValues, rows, upRank) = try factors.matrix(up, "lora_up")
            guard upRank == rank else {
                throw .malformedFactors(file: file, module: sourceName, reason: "lora_up \(up.shape) does not match rank \(rank)")
            }
            return (LoRAMath.matmul(upValues, inner, m: rows, k: rank, n: columns), [rows, columns])
        case let .hadamard(w1a, w1b, w2a, w2b, t1, t2):
            let first = try factors.product(a: w1a, b: w1b, core: t1, "hada_w1")
            let second = try factors.product(a: w2a, b: w2b, core: t2, "hada_w2")
            guard first.shape == second.shape else {
                throw .malformedFactors(
                    file: file, module: sourceName, reason: "hada_w1 gives \(first.shape) but hada_w2 gives \(second.shape)")
            }
            return (zip(first.values, second.values).map { $0 * $1 }, first.shape)
        case let .kronecker(w1, w2, t2):
            let left = try factors.kroneckerFactor(w1, core: nil, "lokr_w1")
            let right = try factors.kroneckerFactor(w2, core: t2, "lokr_w2")
            let (p, q, r, s) = (left.shape[0], left.shape[1], right.shape[0], right.shape[1])
            return (LoRAMath.kron(left.values, right.values, p: p, q: q, r: r, s: s), [p * r, q * s])
        case let .full(diff):
            let rows = diff.shape.first ?? 1
            return (diff.floats(), [rows, diff.count / max(rows, 1)])
        }
    }
}

/// Reads factor tensors as f32 matrices and checks they fit, naming the module on failure.
private struct FactorReader {
    let file: String
    let module: String

    func fail(_ reason: String) -> LoRAError { .malformedFactors(file: file, module: module, reason: reason) }

    /// `tensor` as `[rows, count / rows]`.
    func matrix(_ tensor: Tensor, _ name: String) throws(LoRAError) -> (values: [Float], rows: Int, columns: Int) {
        guard let rows = tensor.shape.first, rows > 0, tensor.count > 0 else { throw fail("\(name) has shape \(tensor.shape)") }
        return (tensor.floats(), rows, tensor.count / rows)
    }

    /// A Tucker core `[R1, R2, kh, kw]` whose R2 must be `inputRank`.
    func core(_ tensor: Tensor, _ name: String, inputRank: Int) throws(LoRAError) -> (values: [Float], r1: Int, spatial: Int) {
        guard tensor.rank == 4, tensor.shape[1] == inputRank, tensor.count > 0 else {
            throw fail("\(name) \(tensor.shape) is not a [r, \(inputRank), kh, kw] Tucker core")
        }
        return (tensor.floats(), tensor.shape[0], tensor.shape[2] * tensor.shape[3])
    }

    /// `a · b`, or with a Tucker core the `[out, in·kh·kw]` product of core, b `[R2, in]` and a `[R1, out]`.
    func product(a: Tensor, b: Tensor, core: Tensor?, _ name: String) throws(LoRAError) -> (values: [Float], shape: [Int]) {
        let (aValues, aRows, aColumns) = try matrix(a, name + "_a")
        let (bValues, bRows, bColumns) = try matrix(b, name + "_b")
        guard let core else {
            guard aColumns == bRows else { throw fail("\(name)_a \(a.shape) and \(name)_b \(b.shape) do not multiply") }
            return (LoRAMath.matmul(aValues, bValues, m: aRows, k: aColumns, n: bColumns), [aRows, bColumns])
        }
        let tucker = try self.core(core, name.replacingOccurrences(of: "_w", with: "_t"), inputRank: bRows)
        guard tucker.r1 == aRows else { throw fail("\(name)_a \(a.shape) does not match its Tucker core \(core.shape)") }
        let values = LoRAMath.tucker(
            core: tucker.values, r1: tucker.r1, r2: bRows, spatial: tucker.spatial, b: bValues, inputs: bColumns,
            a: aValues, outputs: aColumns)
        return (values, [aColumns, bColumns * tucker.spatial])
    }

    /// A LoKr factor as a matrix: full (a 4-D w2 is `[out, in·kh·kw]`) or a product.
    func kroneckerFactor(_ factor: KroneckerFactor, core: Tensor?, _ name: String) throws(LoRAError) -> (values: [Float], shape: [Int]) {
        switch factor {
        case let .full(tensor):
            if core != nil { throw fail("lokr_t2 needs lokr_w2_a and lokr_w2_b, not a full lokr_w2") }
            if name == "lokr_w1", tensor.rank > 2, tensor.shape.dropFirst(2).contains(where: { $0 != 1 }) {
                throw fail("lokr_w1 \(tensor.shape) has a spatial kernel; only lokr_w2 may")
            }
            let (values, rows, columns) = try matrix(tensor, name)
            return (values, [rows, columns])
        case let .lowRank(a, b):
            return try product(a: a, b: b, core: core, name)
        }
    }
}
