/// A1111's latent-space inpainting around any denoiser: with `keep` = 1 where the original
/// latent stays (A1111's `mask`, i.e. 1 − the repaint mask at latent size), each denoised
/// estimate becomes keep·init + (1 − keep)·D (or, with `maskBeforeDenoising`, the input x is
/// blended the same way before the model call), and `finish` applies the same blend to the
/// sampler's result. The mask covers one image and repeats over the batch and channels as
/// A1111 broadcasts it when its length divides the latent's.
public struct InpaintingDenoiser: Denoiser {
    public let base: any Denoiser
    public let initialLatent: [Float]
    public let keep: [Float]
    public let maskBeforeDenoising: Bool

    public init(base: any Denoiser, initialLatent: [Float], keep: [Float], maskBeforeDenoising: Bool = false) throws {
        guard !keep.isEmpty, initialLatent.count % keep.count == 0 else {
            throw SamplingError.maskShape(latent: initialLatent.count, mask: keep.count)
        }
        self.base = base
        self.initialLatent = initialLatent
        self.keep = keep
        self.maskBeforeDenoising = maskBeforeDenoising
    }

    public func denoise(_ x: [Float], sigma: Float) async throws -> [Float] {
        try await denoiseWithUnconditional(x, sigma: sigma, guidanceScaleMultiplier: 1).guided
    }

    public func denoiseWithUnconditional(_ x: [Float], sigma: Float, guidanceScaleMultiplier: Float) async throws -> (guided: [Float], unconditional: [Float]) {
        let input = maskBeforeDenoising ? blend(x) : x
        let (guided, unconditional) = try await base.denoiseWithUnconditional(input, sigma: sigma, guidanceScaleMultiplier: guidanceScaleMultiplier)
        return maskBeforeDenoising ? (guided, unconditional) : (blend(guided), blend(unconditional))
    }

    /// keep·init + (1 − keep)·x, the final step of A1111's img2img sampling with a mask.
    public func finish(_ x: [Float]) -> [Float] { blend(x) }

    private func blend(_ x: [Float]) -> [Float] {
        x.indices.map { i in
            let k = keep[i % keep.count]
            return initialLatent[i] * k + (1 - k) * x[i]
        }
    }
}
