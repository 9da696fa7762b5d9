import Sampling

/// A1111's inpainting inside the sampler loop (`CFGDenoiser.forward` with a mask): after every
/// model call the kept cells of the denoised estimate are replaced by the init latent.
struct MaskedDenoiser: Denoiser {
    let inner: any Denoiser
    let imageLatent: [Float]
    let keepMask: [Float]

    func denoise(_ x: [Float], sigma: Float) async throws -> [Float] {
        blend(try await inner.denoise(x, sigma: sigma))
    }

    func denoiseWithUnconditional(
        _ x: [Float], sigma: Float, guidanceScaleMultiplier: Float
    ) async throws -> (guided: [Float], unconditional: [Float]) {
        let (guided, unconditional) = try await inner.denoiseWithUnconditional(
            x, sigma: sigma, guidanceScaleMultiplier: guidanceScaleMultiplier)
        return (blend(guided), unconditional)
    }

    private func blend(_ denoised: [Float]) -> [Float] {
        denoised.indices.map { i in imageLatent[i] * keepMask[i] + (1 - keepMask[i]) * denoised[i] }
    }
}
