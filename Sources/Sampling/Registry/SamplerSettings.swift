/// The A1111 settings (`/options`) that change sampling, with A1111's defaults.
public struct SamplerSettings: Sendable, Equatable {
    /// `eta_ancestral`: η for k-diffusion samplers when the request has none.
    public var etaAncestral = 1.0
    /// `eta_ddim`: η for DDIM / DDIM CFG++ when the request has none.
    public var etaDDIM = 0.0
    /// `s_churn`, `s_tmin`, `s_tmax` (0 = ∞), `s_noise`. A1111 reads these from settings only.
    public var sChurn = 0.0
    public var sTmin = 0.0
    public var sTmax = 0.0
    public var sNoise = 1.0
    /// `always_discard_next_to_last_sigma`.
    public var alwaysDiscardPenultimateSigma = false
    /// `sgm_noise_multiplier`: start txt2img at √(1+σ₀²)·noise instead of σ₀·noise.
    public var sgmNoiseMultiplier = false
    /// `img2img_fix_steps`: run the full step count in img2img instead of steps × strength.
    public var img2imgFixSteps = false
    /// `uni_pc_variant`, `uni_pc_order`, `uni_pc_lower_order_final`.
    public var uniPCVariant: UniPCSampler.Variant = .bh1
    public var uniPCOrder = 3
    public var uniPCLowerOrderFinal = true
    /// `sigma_min`, `sigma_max`, `rho`, `beta_dist_alpha`, `beta_dist_beta`, AYS family.
    public var schedule = SchedulerSettings()

    public init() {}
}

/// A1111's img2img step arithmetic (`setup_img2img_steps`).
public enum Img2ImgSteps {
    /// The schedule length to build and how many of its last steps to run (`t_enc`).
    /// - `fixSteps` (setting `img2img_fix_steps`) or an explicit step count (the hires pass):
    ///   build ⌊steps / min(strength, 0.999)⌋ and run steps − 1 + 1 = `steps` of them.
    /// - otherwise build `steps` and run ⌊min(strength, 0.999) · steps⌋ + 1 levels' worth.
    public static func a1111(steps: Int, denoisingStrength: Double, fixSteps: Bool, explicitSteps: Int? = nil) throws -> (scheduleSteps: Int, encodedSteps: Int) {
        guard (0...1).contains(denoisingStrength) else { throw SamplingError.invalidDenoisingStrength(denoisingStrength) }
        let requested = explicitSteps ?? steps
        guard requested >= 1 else { throw SamplingError.invalidSteps(requested) }
        if fixSteps || explicitSteps != nil {
            let scheduleSteps = denoisingStrength > 0 ? Int(Double(requested) / min(denoisingStrength, 0.999)) : 0
            return (scheduleSteps, requested - 1)
        }
        return (steps, Int(min(denoisingStrength, 0.999) * Double(steps)))
    }
}
