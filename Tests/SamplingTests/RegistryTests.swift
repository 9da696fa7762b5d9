import Foundation
import Testing
@testable import Sampling

/// The sampler list, A1111's name resolution and the sampling plan (steps, discards, img2img).
struct RegistryTests {
    @Test func listMatchesA1111InOrder() {
        #expect(SamplerRegistry.names == [
            "DPM++ 2M", "DPM++ SDE", "DPM++ 2M SDE", "DPM++ 2M SDE Heun", "DPM++ 2S a", "DPM++ 3M SDE", "Euler a", "Euler",
            "LMS", "Heun", "DPM2", "DPM2 a", "DPM fast", "DPM adaptive", "Restart", "DDIM", "DDIM CFG++", "PLMS", "UniPC", "LCM",
        ])
        let sde = SamplerRegistry.named("DPM++ SDE")
        #expect(sde?.options == ["scheduler": "karras", "second_order": "True", "brownian_noise": "True"])
        #expect(SamplerRegistry.named("DPM++ 2M SDE Heun")?.options["solver_type"] == "heun")
        #expect(SamplerRegistry.named("DPM++ 3M SDE")?.options["discard_next_to_last_sigma"] == "True")
        #expect(SamplerRegistry.named("Euler a")?.aliases == ["k_euler_a", "k_euler_ancestral"])
        #expect(SamplerRegistry.named("DDIM")?.options == [:])
    }

    @Test(arguments: [
        ("DPM++ 2M Karras", nil, "DPM++ 2M", Scheduler.automatic),
        ("DPM++ 2M SDE Karras", nil, "DPM++ 2M SDE", .karras),
        ("DPM++ 2M SDE Heun Exponential", nil, "DPM++ 2M SDE Heun", .automatic),
        ("Euler a SGM Uniform", nil, "Euler a", .sgmUniform),
        ("Euler a SGMUniform", nil, "Euler a", .sgmUniform),
        ("LMS Karras", "exponential", "LMS", .karras),
        ("k_euler_a", nil, "Euler a", .automatic),
        ("euler", "Beta", "Euler", .beta),
        ("DPM++ 2M", "karras", "DPM++ 2M", .automatic),
        ("UniPC", "normal", "UniPC", .normal),
    ] as [(String, String?, String, Scheduler)])
    func resolvesNames(name: String, scheduler: String?, sampler: String, expected: Scheduler) throws {
        let selection = try SamplerSelection(samplerName: name, scheduler: scheduler)
        #expect(selection.sampler.name == sampler)
        #expect(selection.scheduler == expected)
    }

    @Test func samplerIndexAndDefaults() throws {
        #expect(try SamplerSelection(samplerName: "", samplerIndex: "Euler").sampler.name == "Euler")
        #expect(try SamplerSelection(samplerName: nil, samplerIndex: nil).sampler.name == "DPM++ 2M")
        #expect(try SamplerSelection(samplerName: "DPM2").effectiveScheduler == .karras)
        #expect(try SamplerSelection(samplerName: "Euler").effectiveScheduler == .uniform)
    }

    @Test func unknownNamesAreErrorsNamingThem() {
        #expect(throws: SamplingError.unknownSampler("Warp 9", known: SamplerRegistry.names)) {
            try SamplerSelection(samplerName: "Warp 9")
        }
        #expect(throws: SamplingError.unknownScheduler("cosine", known: Scheduler.allCases.map(\.name))) {
            try SamplerSelection(samplerName: "Euler", scheduler: "cosine")
        }
    }

    @Test func stepCountsFollowA1111() throws {
        let euler = try SamplingPlan(selection: SamplerSelection(samplerName: "Euler"), steps: 20)
        #expect(euler.sigmas.count == 21)
        let dpm2 = try SamplingPlan(selection: SamplerSelection(samplerName: "DPM2"), steps: 20)
        let karras21 = try Scheduler.karras.sigmas(steps: 21, table: DiscreteSchedule.stableDiffusion)
        #expect(dpm2.sigmas == Array(karras21.prefix(20)) + [0])
        let img2img = try SamplingPlan(selection: SamplerSelection(samplerName: "Euler"), steps: 20, denoisingStrength: 0.5)
        #expect(img2img.sigmas.count == 12)
        var fixed = SamplerSettings()
        fixed.img2imgFixSteps = true
        let img2imgFixed = try SamplingPlan(selection: SamplerSelection(samplerName: "Euler"), steps: 20, settings: fixed, denoisingStrength: 0.5)
        #expect(img2imgFixed.sigmas.count == 21)
        let uniform40 = try Scheduler.uniform.sigmas(steps: 40, table: DiscreteSchedule.stableDiffusion)
        #expect(img2imgFixed.sigmas == Array(uniform40.suffix(21)))
        let ddim = try SamplingPlan(selection: SamplerSelection(samplerName: "DDIM"), steps: 20)
        #expect(ddim.levels == .timesteps(Array(stride(from: 1, to: 1000, by: 50))))
        let ddimImg = try SamplingPlan(selection: SamplerSelection(samplerName: "DDIM"), steps: 20, denoisingStrength: 0.3)
        #expect(ddimImg.levels == .timesteps(Array(stride(from: 1, to: 300, by: 50))))
    }

    @Test func img2imgStepArithmetic() throws {
        func steps(_ strength: Double, fix: Bool, explicit: Int? = nil) throws -> [Int] {
            let result = try Img2ImgSteps.a1111(steps: 20, denoisingStrength: strength, fixSteps: fix, explicitSteps: explicit)
            return [result.scheduleSteps, result.encodedSteps]
        }
        #expect(try steps(0.75, fix: false) == [20, 15])
        #expect(try steps(1, fix: false) == [20, 19])
        #expect(try steps(0.75, fix: true) == [26, 19])
        #expect(try steps(0.5, fix: false, explicit: 10) == [20, 9])
        #expect(throws: SamplingError.invalidDenoisingStrength(1.5)) {
            try Img2ImgSteps.a1111(steps: 20, denoisingStrength: 1.5, fixSteps: false)
        }
    }

    @Test func startLatentScaling() throws {
        let plan = try SamplingPlan(selection: SamplerSelection(samplerName: "Euler"), steps: 10)
        let sigma0 = plan.sigmas[0]
        #expect(try plan.startLatent(noise: [1, -2]) == [sigma0, -2 * sigma0])
        let img = try SamplingPlan(selection: SamplerSelection(samplerName: "Euler"), steps: 10, denoisingStrength: 0.5)
        #expect(try img.startLatent(noise: [1], imageLatent: [0.5]) == [0.5 + img.sigmas[0]])
        let ddim = try SamplingPlan(selection: SamplerSelection(samplerName: "DDIM"), steps: 10)
        #expect(try ddim.startLatent(noise: [1, 2]) == [1, 2])
    }

    /// Every listed sampler runs end to end through its plan on the toy denoiser.
    @Test(arguments: SamplerRegistry.all.map(\.name))
    func everyListedSamplerRuns(name: String) async throws {
        let plan = try SamplingPlan(selection: SamplerSelection(samplerName: name), steps: 6)
        let shape = try LatentShape(channels: 2, height: 3, width: 3)
        let noise = ImageNoise(shape: shape, seeds: [1, 2])
        let start = try plan.startLatent(noise: await noise.next())
        let context = SamplerContext(denoiser: ToyDenoiser(), noise: noise)
        let result = try await plan.run(start, context: context)
        #expect(result.count == 36)
        let finite = result.allSatisfy { $0.isFinite }
        #expect(finite)
    }

    @Test func sdeSamplersGetBrownianNoise() async throws {
        let shape = try LatentShape(channels: 2, height: 3, width: 3)
        let imageNoise = ImageNoise(shape: shape, seeds: [7])
        let sde = try SamplingPlan(selection: SamplerSelection(samplerName: "DPM++ 2M SDE"), steps: 8)
        #expect(sde.stepNoise(imageNoise: imageNoise, seeds: [7]) is BrownianTreeNoise)
        let ancestral = try SamplingPlan(selection: SamplerSelection(samplerName: "Euler a"), steps: 8)
        #expect(ancestral.stepNoise(imageNoise: imageNoise, seeds: [7]) is ImageNoise)
        #expect(sde.brownianRange.sigmaMax == sde.sigmas[0])
    }

    @Test func lcmRunsOnItsOwnTableAndParameterisation() throws {
        let plan = try SamplingPlan(selection: SamplerSelection(samplerName: "LCM"), steps: 4)
        #expect(plan.table is LCMSchedule)
        #expect(plan.selection.sampler.parameterization(forModel: .epsilon) == .latentConsistency)
        #expect(SamplerRegistry.named("Euler")?.parameterization(forModel: .velocity) == .velocity)
        let automatic = try Scheduler.uniform.sigmas(steps: 4, table: LCMSchedule())
        #expect(plan.sigmas == automatic)
    }
}
