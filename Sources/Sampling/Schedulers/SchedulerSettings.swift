/// The A1111 settings that change a schedule (`sigma_min`, `sigma_max`, `rho`,
/// `beta_dist_alpha`, `beta_dist_beta`) and the model family for Align Your Steps.
public struct SchedulerSettings: Sendable, Equatable {
    /// Replaces the model's smallest σ when non-zero.
    public var sigmaMin: Double = 0
    /// Replaces the model's largest σ when non-zero.
    public var sigmaMax: Double = 0
    /// Replaces the scheduler's default ρ when non-zero (Karras, Polyexponential).
    public var rho: Double = 0
    public var betaAlpha: Double = 0.6
    public var betaBeta: Double = 0.6
    /// Align Your Steps has separate tables for SD1.x and SDXL.
    public var alignYourStepsFamily: AlignYourSteps.Family = .stableDiffusion1

    public init() {}
}
