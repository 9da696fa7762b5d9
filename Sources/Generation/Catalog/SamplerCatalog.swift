/// A sampler as A1111's `/samplers` lists it.
public struct SamplerDescriptor: Sendable, Equatable {
    public var name: String
    public var aliases: [String]
    /// A1111's option flags; `scheduler` names the schedule used when the request says
    /// `Automatic`. Values are strings on the wire (`"True"` for flags).
    public var options: [(key: String, value: String)]

    public static func == (lhs: SamplerDescriptor, rhs: SamplerDescriptor) -> Bool {
        lhs.name == rhs.name && lhs.aliases == rhs.aliases && lhs.options.elementsEqual(rhs.options, by: { $0 == $1 })
    }
}

/// A sigma scheduler as A1111's `/schedulers` lists it.
public struct SchedulerDescriptor: Sendable, Equatable {
    public var name: String
    public var label: String
    public var aliases: [String]?
    public var defaultRho: Double
    public var needsInnerModel: Bool
}

/// The sampler and scheduler names the API offers, in A1111 v1.10.1's order.
///
/// This is the one list the listings and request validation read. When the `Sampling` target
/// has its implementations, point these at its registry so the API offers exactly what runs.
public enum SamplerCatalog {
    private static let flag = "True"

    public static let samplers: [SamplerDescriptor] = [
        .init(name: "DPM++ 2M", aliases: ["k_dpmpp_2m"], options: [("scheduler", "karras")]),
        .init(name: "DPM++ SDE", aliases: ["k_dpmpp_sde"],
              options: [("scheduler", "karras"), ("second_order", flag), ("brownian_noise", flag)]),
        .init(name: "DPM++ 2M SDE", aliases: ["k_dpmpp_2m_sde"],
              options: [("scheduler", "exponential"), ("brownian_noise", flag)]),
        .init(name: "DPM++ 2M SDE Heun", aliases: ["k_dpmpp_2m_sde_heun"],
              options: [("scheduler", "exponential"), ("brownian_noise", flag), ("solver_type", "heun")]),
        .init(name: "DPM++ 2S a", aliases: ["k_dpmpp_2s_a"],
              options: [("scheduler", "karras"), ("uses_ensd", flag), ("second_order", flag)]),
        .init(name: "DPM++ 3M SDE", aliases: ["k_dpmpp_3m_sde"],
              options: [("scheduler", "exponential"), ("discard_next_to_last_sigma", flag), ("brownian_noise", flag)]),
        .init(name: "Euler a", aliases: ["k_euler_a", "k_euler_ancestral"], options: [("uses_ensd", flag)]),
        .init(name: "Euler", aliases: ["k_euler"], options: []),
        .init(name: "LMS", aliases: ["k_lms"], options: []),
        .init(name: "Heun", aliases: ["k_heun"], options: [("second_order", flag)]),
        .init(name: "DPM2", aliases: ["k_dpm_2"],
              options: [("scheduler", "karras"), ("discard_next_to_last_sigma", flag), ("second_order", flag)]),
        .init(name: "DPM2 a", aliases: ["k_dpm_2_a"],
              options: [("scheduler", "karras"), ("discard_next_to_last_sigma", flag), ("uses_ensd", flag),
                        ("second_order", flag)]),
        .init(name: "DPM fast", aliases: ["k_dpm_fast"], options: [("uses_ensd", flag)]),
        .init(name: "DPM adaptive", aliases: ["k_dpm_ad"], options: [("uses_ensd", flag)]),
        .init(name: "Restart", aliases: ["restart"], options: [("scheduler", "karras"), ("second_order", flag)]),
        .init(name: "DDIM", aliases: ["ddim"], options: []),
        .init(name: "DDIM CFG++", aliases: ["ddim_cfgpp"], options: []),
        .init(name: "PLMS", aliases: ["plms"], options: []),
        .init(name: "UniPC", aliases: ["unipc"], options: []),
        .init(name: "LCM", aliases: ["k_lcm"], options: []),
    ]

    public static let schedulers: [SchedulerDescriptor] = [
        .init(name: "automatic", label: "Automatic", aliases: nil, defaultRho: -1, needsInnerModel: false),
        .init(name: "uniform", label: "Uniform", aliases: nil, defaultRho: -1, needsInnerModel: true),
        .init(name: "karras", label: "Karras", aliases: nil, defaultRho: 7.0, needsInnerModel: false),
        .init(name: "exponential", label: "Exponential", aliases: nil, defaultRho: -1, needsInnerModel: false),
        .init(name: "polyexponential", label: "Polyexponential", aliases: nil, defaultRho: 1.0, needsInnerModel: false),
        .init(name: "sgm_uniform", label: "SGM Uniform", aliases: ["SGMUniform"], defaultRho: -1, needsInnerModel: true),
        .init(name: "kl_optimal", label: "KL Optimal", aliases: nil, defaultRho: -1, needsInnerModel: false),
        .init(name: "align_your_steps", label: "Align Your Steps", aliases: nil, defaultRho: -1, needsInnerModel: false),
        .init(name: "simple", label: "Simple", aliases: nil, defaultRho: -1, needsInnerModel: true),
        .init(name: "normal", label: "Normal", aliases: nil, defaultRho: -1, needsInnerModel: true),
        .init(name: "ddim", label: "DDIM", aliases: nil, defaultRho: -1, needsInnerModel: true),
        .init(name: "beta", label: "Beta", aliases: nil, defaultRho: -1, needsInnerModel: true),
    ]

    /// Image-space upscalers (`/upscalers`, `hr_upscaler`): A1111's built-in resamplers.
    public static let upscalers: [String] = ["None", "Lanczos", "Nearest"]

    /// Latent-space upscale modes (`/latent-upscale-modes`, `hr_upscaler`).
    public static let latentUpscaleModes: [String] = [
        "Latent", "Latent (antialiased)", "Latent (bicubic)", "Latent (bicubic antialiased)",
        "Latent (nearest)", "Latent (nearest-exact)",
    ]
}
