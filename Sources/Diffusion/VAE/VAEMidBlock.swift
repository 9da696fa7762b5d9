import Tensor

/// The VAE's middle: `block_1`, single-head self-attention over all pixels (`attn_1`: `norm`,
/// 1x1-conv `q`, `k`, `v`, `proj_out`), `block_2`.
struct VAEMidBlock: Sendable {
    let block1: VAEResBlock
    let attentionNorm: GroupNorm
    let toQ: Linear
    let toK: Linear
    let toV: Linear
    let projectOut: Linear
    let block2: VAEResBlock

    init(_ weights: WeightReader, width: Int) throws(DiffusionError) {
        block1 = try VAEResBlock(weights.child("block_1"), inputs: width, outputs: width)
        let attention = weights.child("attn_1")
        attentionNorm = try GroupNorm(attention.child("norm"), channels: width, eps: 1e-6)
        // 1x1 convolutions on pixels are linear layers on tokens; one permute serves all three.
        toQ = try Linear(conv1x1: attention.child("q"), inputs: width, outputs: width)
        toK = try Linear(conv1x1: attention.child("k"), inputs: width, outputs: width)
        toV = try Linear(conv1x1: attention.child("v"), inputs: width, outputs: width)
        projectOut = try Linear(conv1x1: attention.child("proj_out"), inputs: width, outputs: width)
        block2 = try VAEResBlock(weights.child("block_2"), inputs: width, outputs: width)
    }

    /// `[B, C, H, W]` -> `[B, C, H, W]`.
    func callAsFunction(_ x: Tensor, backend: any Backend) throws -> Tensor {
        let h = try block1(x, backend: backend)
        return try block2(attend(h, backend: backend), backend: backend)
    }

    private func attend(_ x: Tensor, backend: any Backend) throws -> Tensor {
        let (batch, width, height, breadth) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let tokens = height * breadth
        let normed = try attentionNorm(x, backend: backend).reshaped([batch, width, tokens])
        let sequence = try backend.permute(normed, [0, 2, 1])  // [B, T, C]
        let heads = [batch, 1, tokens, width]
        let q = try toQ(sequence, backend: backend).reshaped(heads)  // [B, 1, T, C]
        let k = try toK(sequence, backend: backend).reshaped(heads)
        let v = try toV(sequence, backend: backend).reshaped(heads)
        let attended = try backend.attention(q: q, k: k, v: v).reshaped([batch, tokens, width])  // [B, T, C]
        let projected = try projectOut(attended, backend: backend)  // [B, T, C]
        let image = try backend.permute(projected, [0, 2, 1]).reshaped(x.shape)  // [B, C, H, W]
        return try backend.add(image, x)
    }
}
