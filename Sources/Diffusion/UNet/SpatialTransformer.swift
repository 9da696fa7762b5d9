import Checkpoint
import Tensor

/// ldm's `SpatialTransformer`: GroupNorm, `proj_in` to tokens, `transformer_blocks.k`,
/// `proj_out` back to the image and a residual. SD1 projects with 1x1 convolutions, SD2 and
/// SDXL with linear layers on the token axis (`UNetConfig.useLinearProjection`).
struct SpatialTransformer: Sendable {
    /// `proj_in` / `proj_out`: the same width in and out, applied before (conv) or after
    /// (linear) flattening the image into tokens.
    enum Projection: Sendable {
        case linear(Linear)
        case conv(Conv2D)

        init(_ weights: WeightReader, width: Int, linear: Bool) throws(DiffusionError) {
            self = linear
                ? .linear(try Linear(weights, inputs: width, outputs: width))
                : .conv(try Conv2D(weights, inputs: width, outputs: width, kernel: 1))
        }
    }

    let norm: GroupNorm
    let projectIn: Projection
    let blocks: [BasicTransformerBlock]
    let projectOut: Projection

    init(_ weights: WeightReader, width: Int, depth: Int, config: UNetConfig) throws(DiffusionError) {
        let (heads, headDim) = config.attentionHeads.split(channels: width)
        guard heads > 0, heads * headDim == width else {
            throw .invalidConfig(model: weights.prefix, reason: "\(config.attentionHeads) does not divide \(width) channels into heads")
        }
        norm = try GroupNorm(weights.child("norm"), channels: width, eps: 1e-6)
        projectIn = try Projection(weights.child("proj_in"), width: width, linear: config.useLinearProjection)
        var blocks: [BasicTransformerBlock] = []
        for k in 0..<depth {
            blocks.append(try BasicTransformerBlock(
                weights.child("transformer_blocks").child(k), width: width, contextWidth: config.contextDim ?? width,
                heads: heads, headDim: headDim))
        }
        self.blocks = blocks
        projectOut = try Projection(weights.child("proj_out"), width: width, linear: config.useLinearProjection)
    }

    /// `x` `[B, C, H, W]`, `context` `[B, S, Cc]` -> `[B, C, H, W]`.
    func callAsFunction(_ x: Tensor, context: Tensor, backend: any Backend) throws -> Tensor {
        let (batch, width, height, breadth) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let tokens = height * breadth
        var h = try norm(x, backend: backend)
        if case let .conv(conv) = projectIn { h = try conv(h, backend: backend) }
        h = try backend.permute(h.reshaped([batch, width, tokens]), [0, 2, 1])  // [B, T, C]
        if case let .linear(linear) = projectIn { h = try linear(h, backend: backend) }
        for block in blocks { h = try block(h, context: context, backend: backend) }
        switch projectOut {
        case let .linear(linear):
            h = try linear(h, backend: backend)
            h = try backend.permute(h, [0, 2, 1]).reshaped(x.shape)  // [B, C, H, W]
            return try backend.add(h, x)
        case let .conv(conv):
            h = try backend.permute(h, [0, 2, 1]).reshaped(x.shape)  // [B, C, H, W]
            return try conv(h, backend: backend, epilogue: Epilogue(residual: x))
        }
    }
}
