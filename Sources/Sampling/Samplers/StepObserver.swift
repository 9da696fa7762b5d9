/// One sampler step as the observer sees it: the step index, its noise level, the latent the
/// step started from (k-diffusion's callback `x`) and the current denoised estimate (previews).
public struct SamplerStep: Sendable {
    public let index: Int
    public let sigma: Float
    public let x: [Float]
    public let denoised: [Float]
}

/// What the observer wants after a step (A1111's interrupt and skip both end the sampling
/// loop; the job decides what follows).
public enum StepDecision: Sendable, Equatable {
    case proceed
    case interrupt
    case skip
}

public protocol StepObserver: Sendable {
    func didStep(_ step: SamplerStep) async -> StepDecision
}

/// An observer that never stops the run.
public struct SilentObserver: StepObserver {
    public init() {}
    public func didStep(_ step: SamplerStep) async -> StepDecision { .proceed }
}

/// Thrown by a sampler when its observer stopped it. `denoised` is the last denoised estimate,
/// which A1111 decodes as the result of an interrupted or skipped job.
public struct SamplingStopped: Error, Sendable {
    public let decision: StepDecision
    public let step: Int
    public let denoised: [Float]
}
