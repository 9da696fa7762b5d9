import Foundation
import Testing
@testable import Sampling

/// Sigma tables, σ↔t maps and every scheduler against schedules.json (k-diffusion + A1111 formulas).
struct ScheduleTests {
    struct File: Decodable {
        let sdSigmas: [Double]
        let sdAlphasCumprod: [Double]
        let lcmSigmas: [Double]
        let tToSigma: [Probe]
        let sigmaToT: [Probe]
        let lcmSigmaToT: [Probe]
        let cases: [Case]
        let betaQuantiles: [Quantile]
        enum CodingKeys: String, CodingKey {
            case sdSigmas = "sd_sigmas", sdAlphasCumprod = "sd_alphas_cumprod", lcmSigmas = "lcm_sigmas"
            case tToSigma = "t_to_sigma", sigmaToT = "sigma_to_t", lcmSigmaToT = "lcm_sigma_to_t"
            case cases, betaQuantiles = "beta_quantiles"
        }
    }
    struct Probe: Decodable { let t: Double; let sigma: Double }
    struct Quantile: Decodable { let alpha: Double; let beta: Double; let p: Double; let x: Double }
    struct Case: Decodable, CustomTestStringConvertible {
        let scheduler: String
        let steps: Int
        let table: String
        let sigmas: [Double]
        var testDescription: String { "\(scheduler) \(steps) (\(table))" }
    }

    static let file: File? = try? Fixtures.json(File.self, "schedules.json")

    @Test func tablesMatch() throws {
        let file = try #require(Self.file)
        let sd = DiscreteSchedule.stableDiffusion
        expectClose(sd.alphasCumprod, file.sdAlphasCumprod, relative: 1e-6, floor: 0, "alphas_cumprod")
        expectClose(sd.sigmas, file.sdSigmas, relative: 1e-6, floor: 0, "sd sigmas")
        expectClose(LCMSchedule().sigmas, file.lcmSigmas, relative: 1e-6, floor: 0, "lcm sigmas")
    }

    @Test func timestepMapsMatch() throws {
        let file = try #require(Self.file)
        let sd = DiscreteSchedule.stableDiffusion
        expectClose(file.tToSigma.map { sd.sigma(atTimestep: Float($0.t)) }, file.tToSigma.map(\.sigma), relative: 1e-6, floor: 0, "t→σ")
        expectClose(file.sigmaToT.map { sd.timestep(forSigma: Float($0.sigma)) }, file.sigmaToT.map(\.t), relative: 1e-6, floor: 0, "σ→t")
        expectClose(file.lcmSigmaToT.map { LCMSchedule().timestep(forSigma: Float($0.sigma)) }, file.lcmSigmaToT.map(\.t), relative: 0, floor: 0, "LCM σ→t")
    }

    @Test(arguments: file?.cases ?? [])
    func schedulerMatchesReference(_ testCase: Case) throws {
        var settings = SchedulerSettings()
        var name = testCase.scheduler
        if name == "align_your_steps_xl" {
            name = "align_your_steps"
            settings.alignYourStepsFamily = .stableDiffusionXL
        }
        let scheduler = try Scheduler.resolve(name)
        let table: any SigmaTable = testCase.table == "lcm" ? LCMSchedule() : DiscreteSchedule.stableDiffusion
        let sigmas = try scheduler.sigmas(steps: testCase.steps, table: table, settings: settings)
        expectClose(sigmas, testCase.sigmas, relative: 1e-6, floor: 0, testCase.testDescription)
    }

    @Test func betaQuantilesMatchScipy() throws {
        let file = try #require(Self.file)
        for q in file.betaQuantiles {
            let x = BetaDistribution(alpha: q.alpha, beta: q.beta).quantile(q.p)
            #expect(abs(x - q.x) <= 1e-9, "ppf(\(q.p); \(q.alpha), \(q.beta)) = \(x), scipy \(q.x)")
        }
    }

    @Test func namesLabelsAndAliasesResolve() throws {
        #expect(try Scheduler.resolve("Karras") == .karras)
        #expect(try Scheduler.resolve("karras") == .karras)
        #expect(try Scheduler.resolve("SGMUniform") == .sgmUniform)
        #expect(try Scheduler.resolve("SGM Uniform") == .sgmUniform)
        #expect(try Scheduler.resolve("ddim_uniform") == .ddim)
        #expect(try Scheduler.resolve("Align Your Steps") == .alignYourSteps)
        #expect(try Scheduler.resolve("linear_quadratic") == .linearQuadratic)
        #expect(throws: SamplingError.self) { try Scheduler.resolve("warp drive") }
    }

    @Test func invalidStepsAreRejected() {
        #expect(throws: SamplingError.invalidSteps(0)) {
            try Scheduler.karras.sigmas(steps: 0, table: DiscreteSchedule.stableDiffusion)
        }
    }
}
