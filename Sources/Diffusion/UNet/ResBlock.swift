import Tensor

/// ldm's `ResBlock` with a timestep embedding: `in_layers` (GroupNorm, SiLU, conv3x3),
/// `emb_layers` (SiLU, Linear) added per channel, `out_layers` (GroupNorm, SiLU, conv3x3), and a
/// 1x1 `skip_connection` when the width changes.
struct ResBlock: Sendable {
    let inNorm: GroupNorm
    let inConv: Conv2D
    let embedding: Linear
    let outNorm: GroupNorm
    let outConv: Conv2D
    let skip: Conv2D?

    init(_ weights: WeightReader, inputs: Int, outputs: Int, embedDim: Int) throws(DiffusionError) {
        inNorm = try GroupNorm(weights.child("in_layers").child(0), channels: inputs, eps: 1e-5)
        inConv = try Conv2D(weights.child("in_layers").child(2), inputs: inputs, outputs: outputs, kernel: 3)
        embedding = try Linear(weights.child("emb_layers").child(1), inputs: embedDim, outputs: outputs)
        outNorm = try GroupNorm(weights.child("out_layers").child(0), channels: outputs, eps: 1e-5)
        outConv = try Conv2D(weights.child("out_layers").child(3), inputs: outputs, outputs: outputs, kernel: 3)
        skip = inputs == outputs ? nil : try Conv2D(weights.child("skip_connection"), inputs: inputs, outputs: outputs, kernel: 1)
    }

    /// `x` `[B, Cin, H, W]`, `activatedEmbedding` = SiLU(emb) `[B, E]` -> `[B, Cout, H, W]`.
    func callAsFunction(_ x: Tensor, activatedEmbedding: Tensor, backend: any Backend) throws -> Tensor {
        let batch = x.shape[0]
        var h = try inNorm(x, backend: backend, activation: .silu)
        h = try inConv(h, backend: backend)  // [B, Cout, H, W]
        let shift = try embedding(activatedEmbedding, backend: backend)  // [B, Cout]
        h = try backend.add(h, shift.reshaped([batch, shift.shape[1], 1, 1]))
        h = try outNorm(h, backend: backend, activation: .silu)
        let residual = try skip.map { try $0(x, backend: backend) } ?? x  // [B, Cout, H, W]
        return try outConv(h, backend: backend, epilogue: Epilogue(residual: residual))
    }
}
