/// Everything needed to run one sampling pass the way A1111 would: the resolved sampler, the
/// noise levels (σ schedule or timesteps, truncated for img2img), how to build the starting
/// latent, and the configured sampler. Generation builds the denoiser and noise around it.
public struct SamplingPlan: Sendable {
    public enum Levels: Sendable, Equatable {
        case sigmas([Float])
        case timesteps([Int])
    }

    public let selection: SamplerSelection
    /// The table the model wrapper must use (the LCM table for LCM).
    public let table: any SigmaTable
    public let schedule: DiscreteSchedule
    private let settings: SamplerSettings
    private let pass: Pass
    /// σ₀ of the schedule, or the timestep whose ᾱ mixes an img2img start for timestep samplers.
    private let initialLevel: (sigma: Double, timestep: Int)

    /// The levels together with the sampler that walks them.
    private enum Pass: Sendable {
        case sigmas([Float], any Sampler)
        case timesteps([Int], any TimestepSampler)
    }

    /// - Parameters:
    ///   - steps: the request's `steps` (hires: `hr_second_pass_steps or steps` as `explicitSteps`).
    ///   - eta: the request's `eta`; nil uses `eta_ancestral` / `eta_ddim`.
    ///   - denoisingStrength: nil for txt2img.
    public init(
        selection: SamplerSelection, steps: Int, eta: Double? = nil, settings: SamplerSettings = SamplerSettings(),
        schedule: DiscreteSchedule = .stableDiffusion, denoisingStrength: Double? = nil, explicitSteps: Int? = nil
    ) throws {
        guard steps >= 1 else { throw SamplingError.invalidSteps(steps) }
        let sampler = selection.sampler
        self.selection = selection
        self.settings = settings
        self.schedule = schedule
        let isImg2Img = denoisingStrength != nil
        let (scheduleSteps, encoded) = try denoisingStrength.map {
            try Img2ImgSteps.a1111(steps: steps, denoisingStrength: $0, fixSteps: settings.img2imgFixSteps, explicitSteps: explicitSteps)
        } ?? (steps, steps)
        let discard = sampler.discardPenultimateSigma || settings.alwaysDiscardPenultimateSigma
        let buildSteps = max(scheduleSteps, 1) + (discard ? 1 : 0)
        switch sampler.algorithm {
        case .timesteps(let algorithm):
            table = schedule
            var timesteps = A1111Timesteps.txt2img(steps: buildSteps, trainingSteps: schedule.alphasCumprod.count)
            let startTimestep = timesteps[min(encoded, timesteps.count - 1)]
            if isImg2Img { timesteps = Array(timesteps.prefix(encoded)) }
            guard !timesteps.isEmpty else { throw SamplingError.scheduleTooShort(sampler: sampler.name, sigmaCount: 0) }
            let sampler = Self.timestepSampler(algorithm, eta: eta ?? settings.etaDDIM, settings: settings, isImg2Img: isImg2Img)
            pass = .timesteps(timesteps, sampler)
            initialLevel = (0, startTimestep)
        case .sigmas(let algorithm):
            table = algorithm == .lcm ? LCMSchedule(base: schedule) : schedule
            var sigmas = try selection.effectiveScheduler.sigmas(steps: buildSteps, table: table, settings: settings.schedule)
            if discard, sigmas.count >= 2 { sigmas.remove(at: sigmas.count - 2) }
            if isImg2Img { sigmas = Array(sigmas[max(scheduleSteps - encoded - 1, 0)...]) }
            guard sigmas.count >= 2 else { throw SamplingError.scheduleTooShort(sampler: sampler.name, sigmaCount: sigmas.count) }
            // A1111 gives DPM fast/adaptive the model's σ range and `steps` for txt2img.
            let range = isImg2Img ? nil : DPMSolverRange(sigmaMin: Double(table.sigmaMin), sigmaMax: Double(table.sigmaMax), evaluations: steps)
            let configured = Self.sigmaSampler(
                algorithm, eta: eta ?? settings.etaAncestral, parameters: sampler.parameters, settings: settings, dpmRange: range)
            pass = .sigmas(sigmas, configured)
            initialLevel = (Double(sigmas[0]), 0)
        }
    }

    public var levels: Levels {
        switch pass {
        case .sigmas(let sigmas, _): .sigmas(sigmas)
        case .timesteps(let timesteps, _): .timesteps(timesteps)
        }
    }

    /// Noise levels as σ values (timesteps mapped through the table), highest first.
    public var sigmas: [Float] {
        switch levels {
        case .sigmas(let sigmas): sigmas
        case .timesteps(let timesteps): timesteps.reversed().map { schedule.sigmas[$0] }
        }
    }

    /// The σ range a Brownian-tree noise source must cover: smallest non-zero and largest σ.
    public var brownianRange: (sigmaMin: Float, sigmaMax: Float) {
        let levels = sigmas
        return (levels.filter { $0 > 0 }.min() ?? 0, levels.max() ?? 0)
    }

    /// The per-step noise A1111 gives this sampler: for the SDE samplers (`brownian_noise`) one
    /// Brownian tree per image seeded with that image's seed over the schedule's σ range;
    /// for all others the images' own generators (`imageNoise`, after its initial draw).
    public func stepNoise(imageNoise: ImageNoise, seeds: [UInt64], kernel: TorchCPUKernel = .x86AVX2) -> any NoiseSampler {
        guard selection.sampler.brownianNoise else { return imageNoise }
        let range = brownianRange
        return BrownianTreeNoise(
            layout: .perImage(seeds: seeds), imageCount: imageNoise.shape.count,
            sigmaMin: range.sigmaMin, sigmaMax: range.sigmaMax, kernel: kernel)
    }

    /// The latent the sampler starts from: txt2img scales unit noise by σ₀ (√(1+σ₀²) with
    /// `sgm_noise_multiplier`; timestep samplers take it as is); img2img adds σ₀·noise to the
    /// image latent (timestep samplers mix √ᾱ·latent + √(1−ᾱ)·noise).
    public func startLatent(noise: [Float], imageLatent: [Float]? = nil) throws -> [Float] {
        if let imageLatent, imageLatent.count != noise.count {
            throw SamplingError.noiseShape(expected: imageLatent.count, actual: noise.count)
        }
        let sigma = initialLevel.sigma
        switch (pass, imageLatent) {
        case (.timesteps, nil):
            return noise
        case (.timesteps, let latent?):
            let alpha = Double(schedule.alphasCumprod[initialLevel.timestep])
            return LatentMath.combine((alpha.squareRoot(), latent), ((1 - alpha).squareRoot(), noise))
        case (.sigmas, nil):
            let scale = settings.sgmNoiseMultiplier ? (1 + sigma * sigma).squareRoot() : sigma
            return noise.map { Float(Double($0) * scale) }
        case (.sigmas, let latent?):
            return LatentMath.combine((1, latent), (sigma, noise))
        }
    }

    /// Runs the sampler from `start` and returns the final latent. Throws `SamplingStopped`
    /// when the observer interrupts or skips.
    public func run(_ start: [Float], context: SamplerContext) async throws -> [Float] {
        switch pass {
        case .sigmas(let sigmas, let sampler):
            try await sampler.sample(start, sigmas: sigmas, context: context)
        case .timesteps(let timesteps, let sampler):
            try await sampler.sample(start, timesteps: timesteps, schedule: schedule, context: context)
        }
    }

    /// The sampler with A1111's parameters: η from the request or settings where the sampler
    /// takes it, churn and s_noise from settings where A1111 passes them.
    private static func sigmaSampler(
        _ algorithm: SamplerDefinition.SigmaAlgorithm, eta: Double, parameters: SamplerDefinition.Parameters,
        settings: SamplerSettings, dpmRange: DPMSolverRange?
    ) -> any Sampler {
        let noiseScale = parameters.noiseScale ? settings.sNoise : 1
        let churn = ChurnOptions(
            churn: settings.sChurn, tMin: settings.sTmin, tMax: settings.sTmax == 0 ? .infinity : settings.sTmax, noiseScale: noiseScale)
        let ancestral = AncestralOptions(eta: parameters.eta ? eta : 1, noiseScale: noiseScale)
        switch algorithm {
        case .dpmpp2M: return DPMPP2MSampler()
        case .dpmppSDE: return DPMPPSDESampler(options: ancestral)
        case .dpmpp2MSDE: return DPMPP2MSDESampler(options: ancestral, solverType: .midpoint)
        case .dpmpp2MSDEHeun: return DPMPP2MSDESampler(options: ancestral, solverType: .heun)
        case .dpmpp2SAncestral: return DPMPP2SAncestralSampler(options: ancestral)
        case .dpmpp3MSDE: return DPMPP3MSDESampler(options: ancestral)
        case .eulerAncestral: return EulerAncestralSampler(options: ancestral)
        case .euler: return EulerSampler(options: churn)
        case .lms: return LMSSampler()
        case .heun: return HeunSampler(options: churn)
        case .dpm2: return DPM2Sampler(options: churn)
        case .dpm2Ancestral: return DPM2AncestralSampler(options: ancestral)
        case .dpmFast: return DPMFastSampler(options: ancestral, range: dpmRange)
        case .dpmAdaptive: return DPMAdaptiveSampler(options: ancestral, range: dpmRange)
        case .restart: return RestartSampler(noiseScale: noiseScale)
        case .lcm: return LCMSampler()
        }
    }

    private static func timestepSampler(
        _ algorithm: SamplerDefinition.TimestepAlgorithm, eta: Double, settings: SamplerSettings, isImg2Img: Bool
    ) -> any TimestepSampler {
        switch algorithm {
        case .ddim: DDIMSampler(eta: eta)
        case .ddimCFGPlusPlus: DDIMSampler(eta: eta, cfgPlusPlus: true)
        case .plms: PLMSSampler()
        case .uniPC:
            UniPCSampler(
                variant: settings.uniPCVariant, order: settings.uniPCOrder, lowerOrderFinal: settings.uniPCLowerOrderFinal,
                startsFromLastTimestep: isImg2Img)
        }
    }
}
