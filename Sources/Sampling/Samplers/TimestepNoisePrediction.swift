/// ε for A1111's timestep samplers, through the σ-space denoiser: at timestep t (σ from the
/// table, log-σ interpolated when t is fractional) the variance-preserving latent becomes
/// x_k = x·√(1+σ²) and ε = (x_k − D(x_k, σ))/σ. The model therefore sees exactly what A1111's
/// timestep path feeds it (c_in·x_k = x and the same timestep).
struct TimestepNoisePrediction {
    let schedule: DiscreteSchedule
    let context: SamplerContext

    func sigma(atTimestep t: Double) -> Double {
        t == t.rounded() ? Double(schedule.sigmas[Int(t)]) : Double(schedule.sigma(atTimestep: Float(t)))
    }

    func eps(_ x: [Float], timestep t: Double) async throws -> [Float] {
        let sigma = sigma(atTimestep: t)
        let xk = scaled(x, sigma: sigma)
        return try noise(x, sigma: sigma, denoised: await context.denoiser.denoise(xk, sigma: Float(sigma)))
    }

    /// Guided and unconditional ε (they are equal for denoisers without guidance).
    func guided(_ x: [Float], timestep t: Double, guidanceScaleMultiplier: Float) async throws -> (guided: [Float], unconditional: [Float]) {
        let sigma = sigma(atTimestep: t)
        let (guided, unconditional) = try await context.denoiser.denoiseWithUnconditional(
            scaled(x, sigma: sigma), sigma: Float(sigma), guidanceScaleMultiplier: guidanceScaleMultiplier)
        return (try noise(x, sigma: sigma, denoised: guided), try noise(x, sigma: sigma, denoised: unconditional))
    }

    private func scaled(_ x: [Float], sigma: Double) -> [Float] {
        let scale = (1 + sigma * sigma).squareRoot()
        return x.map { Float(Double($0) * scale) }
    }

    /// ε = (x·√(1+σ²) − D)/σ, evaluated in Double.
    private func noise(_ x: [Float], sigma: Double, denoised: [Float]) throws -> [Float] {
        guard denoised.count == x.count else {
            throw SamplingError.modelOutputShape(expected: x.count, actual: denoised.count)
        }
        let scale = (1 + sigma * sigma).squareRoot()
        return (0..<x.count).map { Float((Double(x[$0]) * scale - Double(denoised[$0])) / sigma) }
    }
}
