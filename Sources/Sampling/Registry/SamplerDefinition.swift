/// One entry of the sampler list (`GET /sdapi/v1/samplers`): A1111's name, aliases and options,
/// plus what the engine needs to run it.
public struct SamplerDefinition: Sendable, Equatable {
    /// How A1111 drives the sampler and which implementation runs.
    public enum Algorithm: Sendable, Equatable {
        /// k-diffusion style: σ schedule from a scheduler, x starts at σ₀·noise.
        case sigmas(SigmaAlgorithm)
        /// A1111's CompVis timestep samplers: integer timesteps, x starts as unit noise.
        case timesteps(TimestepAlgorithm)
    }

    public enum SigmaAlgorithm: String, Sendable, CaseIterable {
        case dpmpp2M, dpmppSDE, dpmpp2MSDE, dpmpp2MSDEHeun, dpmpp2SAncestral, dpmpp3MSDE
        case eulerAncestral, euler, lms, heun, dpm2, dpm2Ancestral, dpmFast, dpmAdaptive, restart
        /// Runs over the LCM table with LCM's model parameterisation.
        case lcm
    }

    public enum TimestepAlgorithm: String, Sendable, CaseIterable {
        case ddim, ddimCFGPlusPlus, plms, uniPC
    }

    /// Which of A1111's request/settings parameters the sampler function receives
    /// (`sampler_extra_params` plus `eta` where the function takes it).
    public struct Parameters: Sendable, Equatable {
        public var eta = false
        public var churn = false
        public var noiseScale = false
    }

    public let name: String
    public let aliases: [String]
    public let algorithm: Algorithm
    /// The scheduler used when the request says Automatic (nil: the model's uniform spacing).
    public let defaultScheduler: Scheduler?
    public let secondOrder: Bool
    public let brownianNoise: Bool
    public let usesENSD: Bool
    public let discardPenultimateSigma: Bool
    public let parameters: Parameters

    /// The model parameterisation to run this sampler with, given the checkpoint's own
    /// (LCM replaces ε with its boundary-condition form and needs `SamplingPlan.table`).
    public func parameterization(forModel model: Parameterization) -> Parameterization {
        algorithm == .sigmas(.lcm) ? .latentConsistency : model
    }

    /// `/samplers` `options`, string-valued as A1111 serialises them (booleans as "True").
    public var options: [String: String] {
        var options: [String: String] = [:]
        if let defaultScheduler { options["scheduler"] = defaultScheduler.name }
        if secondOrder { options["second_order"] = "True" }
        if brownianNoise { options["brownian_noise"] = "True" }
        if usesENSD { options["uses_ensd"] = "True" }
        if discardPenultimateSigma { options["discard_next_to_last_sigma"] = "True" }
        if algorithm == .sigmas(.dpmpp2MSDEHeun) { options["solver_type"] = "heun" }
        return options
    }
}
