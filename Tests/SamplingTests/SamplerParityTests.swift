import Foundation
import Testing
@testable import Sampling

/// Trajectories against k-diffusion 0.1.1.post1 (and A1111's own formulas for Restart, LCM,
/// DDIM, DDIM CFG++, PLMS, UniPC) on the toy denoiser with replayed noise.
struct SamplerParityTests {
    struct File: Decodable {
        let latentShape: [Int]
        let initial: [Float]
        let noisePool: [Float]
        let cases: [Case]
        enum CodingKeys: String, CodingKey {
            case latentShape = "latent_shape", initial, noisePool = "noise_pool", cases
        }
    }

    struct Case: Decodable, CustomTestStringConvertible {
        let sampler: String
        let options: [String: Option]
        let steps: Int
        let sigmas: [Float]
        let final: [Double]
        let denoised: [[Double]]
        let noiseDraws: Int
        let modelCalls: Int
        let timesteps: [Int]?
        enum CodingKeys: String, CodingKey {
            case sampler, options, steps, sigmas, final, denoised, timesteps
            case noiseDraws = "noise_draws", modelCalls = "model_calls"
        }
        var testDescription: String { "\(sampler) \(options.mapValues(\.description)) steps \(steps)" }

        func number(_ key: String, _ fallback: Double) -> Double {
            if case .number(let value) = options[key] { return value }
            return fallback
        }
        func text(_ key: String) -> String? {
            if case .text(let value) = options[key] { return value }
            return nil
        }
    }

    enum Option: Decodable, CustomStringConvertible {
        case number(Double), text(String)
        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let value = try? container.decode(Double.self) { self = .number(value) } else { self = .text(try container.decode(String.self)) }
        }
        var description: String {
            switch self { case .number(let v): "\(v)"; case .text(let t): t }
        }
    }

    static let file: File? = try? Fixtures.json(File.self, "samplers.json")

    @Test func fixtureLoads() throws {
        let file = try Fixtures.json(File.self, "samplers.json")
        #expect(file.cases.count == 100)
    }

    @Test(arguments: file?.cases ?? [])
    func trajectoryMatchesReference(_ testCase: Case) async throws {
        let file = try #require(Self.file)
        let count = file.latentShape.reduce(1, *)
        let pool = stride(from: 0, to: file.noisePool.count, by: count).map { Array(file.noisePool[$0..<($0 + count)]) }
        let denoiser = ToyDenoiser(cfgScale: testCase.number("cfg_scale", 7))
        let noise = RecordedNoise(pool: pool)
        let observer = RecordingObserver()
        let context = SamplerContext(denoiser: denoiser, noise: noise, observer: observer)
        let result: [Float]
        if let sampler = Self.timestepSampler(testCase) {
            let timesteps = testCase.timesteps ?? A1111Timesteps.txt2img(steps: testCase.steps)
            result = try await sampler.sample(file.initial, timesteps: timesteps, schedule: .stableDiffusion, context: context)
        } else {
            let sampler = try #require(Self.sigmaSampler(testCase))
            let start = file.initial.map { $0 * testCase.sigmas[0] }
            result = try await sampler.sample(start, sigmas: testCase.sigmas, context: context)
        }
        expectClose(result, testCase.final, relative: 1e-5, "\(testCase.testDescription) final")
        let (draws, calls) = (await noise.used, await denoiser.calls)
        #expect(draws == testCase.noiseDraws, "noise draws")
        #expect(calls == testCase.modelCalls, "model calls")
        let recorded = await observer.denoised
        if !testCase.denoised.isEmpty {
            #expect(recorded.count == testCase.denoised.count, "step reports")
            for (step, (actual, expected)) in zip(recorded, testCase.denoised).enumerated() {
                expectClose(actual, expected, relative: 1e-5, "\(testCase.testDescription) denoised step \(step)")
            }
        }
    }

    static func sigmaSampler(_ c: Case) -> (any Sampler)? {
        let churn = ChurnOptions(churn: c.number("s_churn", 0), tMin: c.number("s_tmin", 0), tMax: c.number("s_tmax", .infinity), noiseScale: c.number("s_noise", 1))
        let ancestral = AncestralOptions(eta: c.number("eta", 1), noiseScale: c.number("s_noise", 1))
        switch c.sampler {
        case "euler": return EulerSampler(options: churn)
        case "euler_ancestral": return EulerAncestralSampler(options: ancestral)
        case "heun": return HeunSampler(options: churn)
        case "dpm_2": return DPM2Sampler(options: churn)
        case "dpm_2_ancestral": return DPM2AncestralSampler(options: ancestral)
        case "lms": return LMSSampler()
        case "dpmpp_2s_ancestral": return DPMPP2SAncestralSampler(options: ancestral)
        case "dpmpp_sde": return DPMPPSDESampler(options: ancestral)
        case "dpmpp_2m": return DPMPP2MSampler()
        case "dpmpp_2m_sde": return DPMPP2MSDESampler(options: ancestral, solverType: c.text("solver_type") == "heun" ? .heun : .midpoint)
        case "dpmpp_3m_sde": return DPMPP3MSDESampler(options: ancestral)
        case "dpm_fast": return DPMFastSampler(options: ancestral)
        case "dpm_adaptive": return DPMAdaptiveSampler(options: ancestral)
        case "restart": return RestartSampler()
        case "lcm": return LCMSampler()
        default: return nil
        }
    }

    static func timestepSampler(_ c: Case) -> (any TimestepSampler)? {
        switch c.sampler {
        case "ddim": DDIMSampler(eta: c.number("eta", 0))
        case "ddim_cfgpp": DDIMSampler(eta: c.number("eta", 0), cfgPlusPlus: true)
        case "plms": PLMSSampler()
        case "unipc": UniPCSampler(variant: c.text("variant") == "bh2" ? .bh2 : .bh1, startsFromLastTimestep: c.number("img2img", 0) == 1)
        default: nil
        }
    }

    @Test func observerStopsTheRunWithTheLastEstimate() async throws {
        let observer = RecordingObserver(stopAt: 2)
        let context = SamplerContext(denoiser: ToyDenoiser(), noise: RecordedNoise(pool: []), observer: observer)
        let sigmas = Scheduler.karrasSigmas(count: 6, sigmaMin: 0.03, sigmaMax: 14.6)
        await #expect(throws: SamplingStopped.self) {
            _ = try await DPMPP2MSampler().sample([1, -1, 0.5], sigmas: sigmas, context: context)
        }
        #expect(await observer.indices == [0, 1, 2])
    }
}
