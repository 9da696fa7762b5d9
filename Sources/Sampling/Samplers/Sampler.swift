/// A k-diffusion-style sampler: integrates from `sigmas[0]` down the given noise levels and
/// returns the final latent. Typed options live in the conforming struct.
public protocol Sampler: Sendable {
    func sample(_ x: [Float], sigmas: [Float], context: SamplerContext) async throws -> [Float]
}

/// A sampler that A1111 drives by integer model timesteps on the ᾱ table (DDIM, PLMS, UniPC);
/// it starts from unit-variance noise in variance-preserving space (x = √ᾱ·x₀ + √(1−ᾱ)·ε).
public protocol TimestepSampler: Sendable {
    func sample(_ x: [Float], timesteps: [Int], schedule: DiscreteSchedule, context: SamplerContext) async throws -> [Float]
}

/// What a sampler needs besides its options: the denoiser, the source of per-step noise and
/// the observer that sees every step and may stop the run.
public struct SamplerContext: Sendable {
    public let denoiser: any Denoiser
    public let noise: any NoiseSampler
    public let observer: any StepObserver

    public init(denoiser: any Denoiser, noise: any NoiseSampler, observer: any StepObserver = SilentObserver()) {
        self.denoiser = denoiser
        self.noise = noise
        self.observer = observer
    }

    func denoise(_ x: [Float], sigma: Double) async throws -> [Float] {
        let denoised = try await denoiser.denoise(x, sigma: Float(sigma))
        guard denoised.count == x.count else {
            throw SamplingError.modelOutputShape(expected: x.count, actual: denoised.count)
        }
        return denoised
    }

    func noise(from sigma: Double, to sigmaNext: Double, count: Int) async throws -> [Float] {
        let values = try await noise.noise(from: Float(sigma), to: Float(sigmaNext))
        guard values.count == count else { throw SamplingError.noiseShape(expected: count, actual: values.count) }
        return values
    }

    /// Reports a step; throws `SamplingStopped` when the observer asks to stop.
    func report(index: Int, sigma: Double, x: [Float], denoised: [Float]) async throws {
        let decision = await observer.didStep(SamplerStep(index: index, sigma: Float(sigma), x: x, denoised: denoised))
        if decision != .proceed {
            throw SamplingStopped(decision: decision, step: index, denoised: denoised)
        }
    }
}
