/// D(x, σ): the denoised estimate of a latent batch `x` (flat, row-major) at noise level σ,
/// in k-diffusion's convention where x = x₀ + σ·ε. Samplers see models only through this.
public protocol Denoiser: Sendable {
    func denoise(_ x: [Float], sigma: Float) async throws -> [Float]

    /// The guided estimate together with the unconditional one, for samplers that steer with
    /// the unconditional prediction (DDIM CFG++). `guidanceScaleMultiplier` scales the CFG
    /// scale for this call. Denoisers without guidance return their estimate twice.
    func denoiseWithUnconditional(
        _ x: [Float], sigma: Float, guidanceScaleMultiplier: Float
    ) async throws -> (guided: [Float], unconditional: [Float])
}

extension Denoiser {
    public func denoiseWithUnconditional(
        _ x: [Float], sigma: Float, guidanceScaleMultiplier: Float
    ) async throws -> (guided: [Float], unconditional: [Float]) {
        let denoised = try await denoise(x, sigma: sigma)
        return (denoised, denoised)
    }
}

/// The raw network (a UNet): called with the c_in-scaled input and the model timestep, it
/// returns ε or v. `Conditioning` is whatever the model needs besides the latent (text
/// embeddings, ADM vector); guidance chooses which one to pass.
public protocol NoisePredictor: Sendable {
    associatedtype Conditioning: Sendable
    func predict(_ input: [Float], timestep: Float, conditioning: Conditioning) async throws -> [Float]
}
