/// Every sampler sdserve implements, in A1111 v1.10's order: the single source of truth for
/// `/samplers`, name resolution and the sampling plan.
public enum SamplerRegistry {
    public static let all: [SamplerDefinition] = [
        k("DPM++ 2M", ["k_dpmpp_2m"], .dpmpp2M, scheduler: .karras),
        k("DPM++ SDE", ["k_dpmpp_sde"], .dpmppSDE, scheduler: .karras, secondOrder: true, brownian: true, eta: true, noise: true),
        k("DPM++ 2M SDE", ["k_dpmpp_2m_sde"], .dpmpp2MSDE, scheduler: .exponential, brownian: true, eta: true, noise: true),
        k("DPM++ 2M SDE Heun", ["k_dpmpp_2m_sde_heun"], .dpmpp2MSDEHeun, scheduler: .exponential, brownian: true, eta: true, noise: true),
        k("DPM++ 2S a", ["k_dpmpp_2s_a"], .dpmpp2SAncestral, scheduler: .karras, secondOrder: true, ensd: true, eta: true, noise: true),
        k("DPM++ 3M SDE", ["k_dpmpp_3m_sde"], .dpmpp3MSDE, scheduler: .exponential, discard: true, brownian: true, eta: true, noise: true),
        k("Euler a", ["k_euler_a", "k_euler_ancestral"], .eulerAncestral, ensd: true, eta: true),
        k("Euler", ["k_euler"], .euler, churn: true),
        k("LMS", ["k_lms"], .lms),
        k("Heun", ["k_heun"], .heun, secondOrder: true, churn: true),
        k("DPM2", ["k_dpm_2"], .dpm2, scheduler: .karras, secondOrder: true, discard: true, churn: true),
        k("DPM2 a", ["k_dpm_2_a"], .dpm2Ancestral, scheduler: .karras, secondOrder: true, discard: true, ensd: true, eta: true, noise: true),
        k("DPM fast", ["k_dpm_fast"], .dpmFast, ensd: true, eta: true, noise: true),
        k("DPM adaptive", ["k_dpm_ad"], .dpmAdaptive, ensd: true, eta: true),
        k("Restart", ["restart"], .restart, scheduler: .karras, secondOrder: true),
        timesteps("DDIM", ["ddim"], .ddim, eta: true),
        timesteps("DDIM CFG++", ["ddim_cfgpp"], .ddimCFGPlusPlus, eta: true),
        timesteps("PLMS", ["plms"], .plms),
        timesteps("UniPC", ["unipc"], .uniPC),
        k("LCM", ["k_lcm"], .lcm),
    ]

    /// The canonical names, for error messages and listings.
    public static var names: [String] { all.map(\.name) }

    /// A name or alias: exact first, then ignoring case.
    public static func named(_ text: String) -> SamplerDefinition? {
        all.first { $0.name == text || $0.aliases.contains(text) }
            ?? all.first { ([$0.name] + $0.aliases).contains { $0.lowercased() == text.lowercased() } }
    }

    private static func k(
        _ name: String, _ aliases: [String], _ algorithm: SamplerDefinition.SigmaAlgorithm, scheduler: Scheduler? = nil,
        secondOrder: Bool = false, discard: Bool = false, brownian: Bool = false, ensd: Bool = false,
        eta: Bool = false, churn: Bool = false, noise: Bool = false
    ) -> SamplerDefinition {
        SamplerDefinition(
            name: name, aliases: aliases, algorithm: .sigmas(algorithm), defaultScheduler: scheduler,
            secondOrder: secondOrder, brownianNoise: brownian, usesENSD: ensd, discardPenultimateSigma: discard,
            parameters: .init(eta: eta, churn: churn, noiseScale: churn || noise))
    }

    private static func timesteps(_ name: String, _ aliases: [String], _ algorithm: SamplerDefinition.TimestepAlgorithm, eta: Bool = false) -> SamplerDefinition {
        SamplerDefinition(
            name: name, aliases: aliases, algorithm: .timesteps(algorithm), defaultScheduler: nil,
            secondOrder: false, brownianNoise: false, usesENSD: false, discardPenultimateSigma: false,
            parameters: .init(eta: eta))
    }
}
