import Tensor

/// Multi-head attention with bias-free `to_q`, `to_k`, `to_v` and a `to_out.0` projection.
/// Self-attention when no context is given (`attn1`), cross-attention on the text otherwise (`attn2`).
struct CrossAttention: Sendable {
    let toQ: Linear
    let toK: Linear
    let toV: Linear
    let toOut: Linear
    let heads: Int
    let headDim: Int

    init(_ weights: WeightReader, width: Int, contextWidth: Int, heads: Int, headDim: Int) throws(DiffusionError) {
        let inner = heads * headDim
        toQ = try Linear(weights.child("to_q"), inputs: width, outputs: inner, bias: false)
        toK = try Linear(weights.child("to_k"), inputs: contextWidth, outputs: inner, bias: false)
        toV = try Linear(weights.child("to_v"), inputs: contextWidth, outputs: inner, bias: false)
        toOut = try Linear(weights.child("to_out").child(0), inputs: inner, outputs: width)
        self.heads = heads
        self.headDim = headDim
    }

    /// `x` `[B, T, C]`, `context` `[B, S, Cc]` (nil: attend to `x`) -> `residual + attention` `[B, T, C]`.
    func callAsFunction(_ x: Tensor, context: Tensor?, residual: Tensor, backend: any Backend) throws -> Tensor {
        let source = context ?? x
        let q = try splitHeads(toQ(x, backend: backend), backend: backend)  // [B, H, T, d]
        let k = try splitHeads(toK(source, backend: backend), backend: backend)  // [B, H, S, d]
        let v = try splitHeads(toV(source, backend: backend), backend: backend)  // [B, H, S, d]
        let attended = try backend.attention(q: q, k: k, v: v)  // [B, H, T, d]
        let (batch, tokens) = (x.shape[0], x.shape[1])
        let merged = try backend.permute(attended, [0, 2, 1, 3]).reshaped([batch, tokens, heads * headDim])  // [B, T, H·d]
        return try toOut(merged, backend: backend, epilogue: Epilogue(residual: residual))
    }

    /// `[B, T, H·d]` -> `[B, H, T, d]`.
    private func splitHeads(_ x: Tensor, backend: any Backend) throws -> Tensor {
        try backend.permute(x.reshaped([x.shape[0], x.shape[1], heads, headDim]), [0, 2, 1, 3])
    }
}
