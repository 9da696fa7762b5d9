import Checkpoint
import Tensor

/// The Stable Diffusion VAE (ldm `AutoencoderKL`), read from `first_stage_model.*` keys of a
/// checkpoint or of a standalone VAE file presented under the same keys (for example through
/// `Canonicalizer.canonicalize`). `latentScale` is the model family's factor (0.18215 for SD1/SD2,
/// 0.13025 for SDXL), which belongs to the checkpoint, not to the VAE file.
public struct AutoencoderKL: Sendable {
    public let config: VAEConfig
    public let latentScale: Float
    public private(set) var backend: any Backend
    let encoder: VAEEncoder
    let decoder: VAEDecoder
    let quantConv: Conv2D
    let postQuantConv: Conv2D

    public init(
        config: VAEConfig, source: any TensorSource, prefix: String = CanonicalPrefix.vae, latentScale: Float,
        backend: any Backend
    ) throws(DiffusionError) {
        guard !config.channelMult.isEmpty else { throw .invalidConfig(model: "VAE", reason: "channelMult is empty") }
        let root = WeightReader(source: source, prefix: prefix, backend: backend)
        let moments = 2 * config.latentChannels
        encoder = try VAEEncoder(root.child("encoder"), config: config)
        decoder = try VAEDecoder(root.child("decoder"), config: config)
        quantConv = try Conv2D(root.child("quant_conv"), inputs: moments, outputs: 2 * config.embedDim, kernel: 1)
        postQuantConv = try Conv2D(root.child("post_quant_conv"), inputs: config.embedDim, outputs: config.latentChannels, kernel: 1)
        try root.finishLoading()
        self.config = config
        self.latentScale = latentScale
        self.backend = backend
    }

    /// Pixels per latent cell along each side.
    public var downscaleFactor: Int { config.downscaleFactor }

    /// The posterior for pixels `[B, 3, H, W]` in [-1, 1]; H and W multiples of the downscale factor.
    public func encodeDistribution(_ pixels: Tensor) throws -> LatentDistribution {
        try checkImage(pixels, channels: config.inChannels, multiple: downscaleFactor, argument: "pixels")
        let moments = try quantConv(encoder(pixels, backend: backend), backend: backend)  // [B, 2·embed, h, w]
        let half = config.embedDim
        return LatentDistribution(
            mean: try backend.slice(moments, dim: 1, start: 0, end: half),
            logVariance: try backend.slice(moments, dim: 1, start: half, end: 2 * half))
    }

    /// Unscaled latent `[B, embed, h, w]` -> pixels `[B, 3, h·f, w·f]`, nominally [-1, 1] (unclamped).
    public func decodeUnscaled(_ z: Tensor) throws -> Tensor {
        try checkImage(z, channels: config.embedDim, multiple: 1, argument: "z")
        return try decoder(postQuantConv(z, backend: backend), backend: backend)
    }

    /// Sampler-space latents (scaled by `latentScale`) -> RGB `[B, 3, H, W]` in [0, 1].
    /// With `tiling`, decodes overlapping tiles and blends them (bounded memory for large images).
    public func decode(_ latents: Tensor, tiling: VAETiling? = nil) throws -> Tensor {
        let z = try backend.mul(latents, scalar: 1 / latentScale)
        let signed: Tensor
        if let tiling {
            signed = try tiling.run(z, inputScale: 1, outputScale: downscaleFactor, backend: backend) { try decodeUnscaled($0) }
        } else {
            signed = try decodeUnscaled(z)
        }
        return try clampedUnit(backend.affine(signed, scale: 0.5, offset: 0.5))
    }

    /// RGB `[B, 3, H, W]` in [0, 1] -> sampler-space latents: the posterior mean times
    /// `latentScale` (ComfyUI's choice; `encodeDistribution` gives the full posterior).
    public func encode(_ pixels: Tensor, tiling: VAETiling? = nil) throws -> Tensor {
        let signed = try backend.affine(pixels, scale: 2, offset: -1)
        let mean: Tensor
        if let tiling {
            mean = try tiling.run(signed, inputScale: downscaleFactor, outputScale: 1, backend: backend) { try encodeDistribution($0).mean }
        } else {
            mean = try encodeDistribution(signed).mean
        }
        return try backend.mul(mean, scalar: latentScale)
    }

    private func checkImage(_ x: Tensor, channels: Int, multiple: Int, argument: String) throws(DiffusionError) {
        guard x.rank == 4, x.shape[1] == channels, x.shape[2] % multiple == 0, x.shape[3] % multiple == 0 else {
            throw .invalidInput(model: "VAE", argument: argument,
                                reason: "must be [B, \(channels), H, W] with H and W multiples of \(multiple), got \(x.shape)")
        }
    }

    private func clampedUnit(_ x: Tensor) throws -> Tensor {
        try Tensor(shape: x.shape, values: x.floats().map { min(max($0, 0), 1) })
    }
}

extension AutoencoderKL {
    /// The same network, sharing its prepared weights, run on `backend`: a backend that takes
    /// the current one's weights, such as `CircularConvolutionBackend` around it (tiling).
    public func running(on backend: any Backend) -> AutoencoderKL {
        var copy = self
        copy.backend = backend
        return copy
    }
}
