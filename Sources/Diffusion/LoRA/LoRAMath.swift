import Tensor

/// The f32 products LoRA deltas are made of, as backend ops on row-major matrices, so a fast
/// backend multiplies them (a full SD1.5 switch is millions of rank-r products). Pass a backend
/// that multiplies in fp32: deltas are f32 as in ComfyUI and A1111.
enum LoRAMath {
    /// `a [m, k] · b [k, n]` -> `[m, n]`.
    static func matmul(_ a: Tensor, _ b: Tensor, backend: any Backend) throws -> Tensor {
        try backend.matmul(a, b, transposeB: false)
    }

    /// Kronecker product of `a [p, q]` and `b [r, s]` -> `[p·r, q·s]`: a broadcast product
    /// `a [p, 1, q, 1] · b [1, r, 1, s]` read as a matrix.
    static func kron(_ a: Tensor, _ b: Tensor, backend: any Backend) throws -> Tensor {
        let (p, q, r, s) = (a.shape[0], a.shape[1], b.shape[0], b.shape[1])
        let product = try backend.binary(a.reshaped([p, 1, q, 1]), b.reshaped([1, r, 1, s]), .mul)  // [p, r, q, s]
        return try product.reshaped([p * r, q * s])
    }

    /// A Tucker core applied to its input factor: `core [R1, R2, kh·kw]`, `b [R2, in]` ->
    /// `Σ_j core[i, j, t] · b[j, c]` as `[R1, in·kh·kw]` (a conv weight from `in` to R1 channels).
    static func coreTimes(_ core: Tensor, _ b: Tensor, backend: any Backend) throws -> Tensor {
        let (r1, r2, spatial, inputs) = (core.shape[0], core.shape[1], core.count / (core.shape[0] * core.shape[1]), b.shape[1])
        // The sum over j as one matmul: core as [R1·S, R2] times b.
        let byTap = try backend.permute(core.reshaped([r1, r2, spatial]), [0, 2, 1]).reshaped([r1 * spatial, r2])
        let mixed = try matmul(byTap, b, backend: backend).reshaped([r1, spatial, inputs])
        return try backend.permute(mixed, [0, 2, 1]).reshaped([r1, inputs * spatial])  // [R1, in, S]
    }

    /// LyCORIS' Tucker form `einsum("i j k l, j r, i p -> p r k l", core, b, a)`: core
    /// `[R1, R2, kh, kw]`, b `[R2, in]`, a `[R1, out]` -> `[out, in·kh·kw]`.
    static func tucker(core: Tensor, b: Tensor, a: Tensor, backend: any Backend) throws -> Tensor {
        let inner = try coreTimes(core, b, backend: backend)  // [R1, in·S]
        return try matmul(backend.permute(a, [1, 0]), inner, backend: backend)
    }
}
