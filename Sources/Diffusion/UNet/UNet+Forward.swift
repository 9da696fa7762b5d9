import Tensor

extension UNet {
    /// One evaluation of the network, as ldm's `UNetModel.forward(x, timesteps, context, y)`.
    ///
    /// - Parameters:
    ///   - x: latents `[B, inChannels, H, W]` (inpainting models: latent, mask and masked-image
    ///     latent concatenated on channels).
    ///   - timesteps: one (possibly fractional) discrete timestep per batch item.
    ///   - context: text hidden states `[B, S, contextDim]`.
    ///   - y: SDXL vector conditioning `[B, admInChannels]`; required exactly when the model has it.
    /// - Returns: the model output `[B, outChannels, H, W]` (ε or v, per the prediction type).
    public func callAsFunction(_ x: Tensor, timesteps: [Float], context: Tensor, y: Tensor? = nil) throws -> Tensor {
        try validate(x, timesteps: timesteps, context: context, y: y)
        let base = config.modelChannels

        var embedding = try timeEmbedding(sinusoidalEmbedding(timesteps, dim: base), backend: backend)  // [B, 4·base]
        if let labelEmbedding, let y {
            embedding = try labelEmbedding(y, backend: backend, residual: embedding)  // [B, 4·base]
        }
        let inputs = BlockInputs(activatedEmbedding: try backend.silu(embedding), context: context, backend: backend)

        var h = try convIn(x, backend: backend)  // [B, base, H, W]
        var skips = [h]
        for block in inputBlocks {
            h = try block(h, inputs)
            skips.append(h)
        }
        h = try middle(h, inputs)
        for block in outputBlocks {
            let skip = skips.removeLast()
            h = try backend.concat([h, skip], dim: 1)  // [B, C + Cskip, h, w]
            let next = skips.last.map { ($0.shape[2], $0.shape[3]) } ?? (h.shape[2], h.shape[3])
            h = try block(h, inputs, upsampleSize: next)
        }
        h = try outNorm(h, backend: backend, activation: .silu)
        return try outConv(h, backend: backend)  // [B, outChannels, H, W]
    }

    private func validate(_ x: Tensor, timesteps: [Float], context: Tensor, y: Tensor?) throws(DiffusionError) {
        guard x.rank == 4, x.shape[1] == config.inChannels else {
            throw .invalidInput(model: "UNet", argument: "x", reason: "must be [B, \(config.inChannels), H, W], got \(x.shape)")
        }
        let batch = x.shape[0]
        guard timesteps.count == batch else {
            throw .invalidInput(model: "UNet", argument: "timesteps", reason: "needs one value per batch item (\(batch)), got \(timesteps.count)")
        }
        let width = config.contextDim ?? context.shape.last ?? 0
        guard context.rank == 3, context.shape[0] == batch, context.shape[2] == width else {
            throw .invalidInput(model: "UNet", argument: "context", reason: "must be [\(batch), S, \(width)], got \(context.shape)")
        }
        switch (config.admInChannels, y) {
        case (nil, nil): break
        case let (adm?, y?) where y.shape == [batch, adm]: break
        case let (adm?, y):
            throw .invalidInput(model: "UNet", argument: "y", reason: "must be [\(batch), \(adm)], got \(y.map { "\($0.shape)" } ?? "nothing")")
        case (nil, _?):
            throw .invalidInput(model: "UNet", argument: "y", reason: "is given but this UNet has no label embedding")
        }
    }
}
