/// Per-step noise for stochastic samplers: a latent-sized standard normal draw for the step
/// from σ to σ'. Generator-backed sources ignore the levels; a Brownian tree uses them.
public protocol NoiseSampler: Sendable {
    func noise(from sigma: Float, to sigmaNext: Float) async throws -> [Float]
}
