import Tensor

/// ldm's `BasicTransformerBlock`: pre-norm self-attention, cross-attention on the context and a
/// GEGLU feed-forward (`ff.net.0.proj` to 2×4C, `ff.net.2` back to C), each with a residual.
struct BasicTransformerBlock: Sendable {
    let norm1: LayerNorm
    let selfAttention: CrossAttention
    let norm2: LayerNorm
    let crossAttention: CrossAttention
    let norm3: LayerNorm
    let feedForwardIn: Linear
    let feedForwardOut: Linear

    init(_ weights: WeightReader, width: Int, contextWidth: Int, heads: Int, headDim: Int) throws(DiffusionError) {
        norm1 = try LayerNorm(weights.child("norm1"), channels: width)
        selfAttention = try CrossAttention(weights.child("attn1"), width: width, contextWidth: width, heads: heads, headDim: headDim)
        norm2 = try LayerNorm(weights.child("norm2"), channels: width)
        crossAttention = try CrossAttention(
            weights.child("attn2"), width: width, contextWidth: contextWidth, heads: heads, headDim: headDim)
        norm3 = try LayerNorm(weights.child("norm3"), channels: width)
        let inner = 4 * width
        feedForwardIn = try Linear(weights.child("ff").child("net").child(0).child("proj"), inputs: width, outputs: 2 * inner)
        feedForwardOut = try Linear(weights.child("ff").child("net").child(2), inputs: inner, outputs: width)
    }

    /// `x` `[B, T, C]`, `context` `[B, S, Cc]` -> `[B, T, C]`.
    func callAsFunction(_ x: Tensor, context: Tensor, backend: any Backend) throws -> Tensor {
        var h = try selfAttention(norm1(x, backend: backend), context: nil, residual: x, backend: backend)
        h = try crossAttention(norm2(h, backend: backend), context: context, residual: h, backend: backend)
        let gated = try backend.geglu(feedForwardIn(norm3(h, backend: backend), backend: backend))  // [B, T, 4C]
        return try feedForwardOut(gated, backend: backend, epilogue: Epilogue(residual: h))
    }
}
