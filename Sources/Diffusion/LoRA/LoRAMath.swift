/// The f32 products LoRA deltas are made of, on row-major `[Float]` buffers. Sizes are small
/// (rank ≤ a few hundred), so plain loops in i-k-j order (contiguous inner rows) suffice.
enum LoRAMath {
    /// `a [m, k] · b [k, n]` -> `[m, n]`.
    static func matmul(_ a: [Float], _ b: [Float], m: Int, k: Int, n: Int) -> [Float] {
        var out = [Float](repeating: 0, count: m * n)
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                out.withUnsafeMutableBufferPointer { out in
                    for i in 0..<m {
                        let row = i * n
                        for p in 0..<k {
                            let x = a[i * k + p]
                            if x == 0 { continue }
                            let bRow = p * n
                            for j in 0..<n { out[row + j] += x * b[bRow + j] }
                        }
                    }
                }
            }
        }
        return out
    }

    /// `aᵀ · b` for `a [k, m]`, `b [k, n]` -> `[m, n]`.
    static func matmulTransposedA(_ a: [Float], _ b: [Float], k: Int, m: Int, n: Int) -> [Float] {
        var transposed = [Float](repeating: 0, count: m * k)
        for p in 0..<k { for i in 0..<m { transposed[i * k + p] = a[p * m + i] } }
        return matmul(transposed, b, m: m, k: k, n: n)
    }

    /// Kronecker product of `a [p, q]` and `b [r, s]` -> `[p·r, q·s]`.
    static func kron(_ a: [Float], _ b: [Float], p: Int, q: Int, r: Int, s: Int) -> [Float] {
        var out = [Float](repeating: 0, count: p * r * q * s)
        let width = q * s
        for i in 0..<p {
            for j in 0..<q {
                let x = a[i * q + j]
                for k in 0..<r {
                    let base = (i * r + k) * width + j * s
                    for l in 0..<s { out[base + l] = x * b[k * s + l] }
                }
            }
        }
        return out
    }

    /// A Tucker core applied to its input factor: `core [R1, R2, kh·kw]`, `b [R2, in]` ->
    /// `Σ_j core[i, j, t] · b[j, c]` as `[R1, in, kh·kw]` (a conv weight from `in` to R1 channels).
    static func coreTimes(_ core: [Float], r1: Int, r2: Int, spatial: Int, _ b: [Float], inputs: Int) -> [Float] {
        // core as [R1, R2, S] -> [R1·S, R2] so the sum over j is a matmul with b.
        var coreByTap = [Float](repeating: 0, count: r1 * spatial * r2)
        for i in 0..<r1 { for j in 0..<r2 { for t in 0..<spatial {
            coreByTap[(i * spatial + t) * r2 + j] = core[(i * r2 + j) * spatial + t]
        } } }
        let mixed = matmul(coreByTap, b, m: r1 * spatial, k: r2, n: inputs)  // [R1, S, in]
        var out = [Float](repeating: 0, count: r1 * inputs * spatial)
        for i in 0..<r1 { for t in 0..<spatial { for c in 0..<inputs {
            out[(i * inputs + c) * spatial + t] = mixed[(i * spatial + t) * inputs + c]
        } } }
        return out
    }

    /// LyCORIS' Tucker form `einsum("i j k l, j r, i p -> p r k l", core, b, a)`: core
    /// `[R1, R2, kh, kw]`, b `[R2, in]`, a `[R1, out]` -> `[out, in, kh, kw]`.
    static func tucker(core: [Float], r1: Int, r2: Int, spatial: Int, b: [Float], inputs: Int, a: [Float], outputs: Int) -> [Float] {
        let inner = coreTimes(core, r1: r1, r2: r2, spatial: spatial, b, inputs: inputs)  // [R1, in, S]
        return matmulTransposedA(a, inner, k: r1, m: outputs, n: inputs * spatial)
    }
}
