import Checkpoint
import Tensor

/// Causal multi-head self-attention (`self_attn.{q,k,v,out}_proj`).
struct CLIPAttention: Sendable {
    let query, key, value, output: Linear
    let heads: Int

    init(_ c: CLIPConfig, prefix p: String, reader: inout CLIPWeightReader) throws(ModelLoadError) {
        query = try reader.linear(p + "q_proj.", in: c.width, out: c.width)
        key = try reader.linear(p + "k_proj.", in: c.width, out: c.width)
        value = try reader.linear(p + "v_proj.", in: c.width, out: c.width)
        output = try reader.linear(p + "out_proj.", in: c.width, out: c.width)
        heads = c.heads
    }

    /// `residual + out_proj(attention(x))`.
    func callAsFunction(_ x: Tensor, residual: Tensor, backend: any Backend) throws -> Tensor {
        let (B, T, D) = (x.shape[0], x.shape[1], x.shape[2])
        let H = heads
        func split(_ projection: Linear) throws -> Tensor {
            let y = try projection(x, backend: backend).reshaped([B, T, H, D / H])
            return try backend.permute(y, [0, 2, 1, 3])  // [B, H, T, d]
        }
        let attended = try backend.attention(
            q: try split(query), k: try split(key), v: try split(value), scale: nil, causal: true)  // [B, H, T, d]
        let merged = try backend.permute(attended, [0, 2, 1, 3]).reshaped([B, T, D])
        return try output(merged, backend: backend, epilogue: Epilogue(residual: residual))  // [B, T, D]
    }
}
