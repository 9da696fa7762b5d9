import Tensor

/// What img2img adds to every batch of a job (A1111 computes them once in `init`): the init
/// latent the sampler starts from, the latent mask that keeps unmasked cells, and an
/// inpainting model's extra input channels. Empty for txt2img.
struct BatchInputs: Sendable {
    /// `[B, C, h, w]`, flat.
    var imageLatent: [Float]?
    /// 1 where the latent is kept from `imageLatent` (A1111's `mask`), per image `[B, C, h, w]`.
    var keepMask: [Float]?
    /// `[B, 5, h, w]`: the mask and the masked image's latent, for 9-channel models.
    var inpaintingConditioning: Tensor?
    /// `initial_noise_multiplier`.
    var noiseMultiplier: Float = 1

    static let none = BatchInputs()

    /// A1111's blend after sampling: `samples · nmask + init_latent · mask`.
    func blended(_ samples: [Float]) -> [Float] {
        guard let imageLatent, let keepMask else { return samples }
        return samples.indices.map { i in samples[i] * (1 - keepMask[i]) + imageLatent[i] * keepMask[i] }
    }
}
