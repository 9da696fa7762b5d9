import Foundation
import Testing
@testable import Sampling

/// The ε / v / LCM model wrappers against k-diffusion's CompVis(V)Denoiser and A1111's
/// LCM formulas (wrappers.json), and A1111's CFG combination rules.
struct DenoiserTests {
    /// The fixture's stand-in UNet: tanh(input)/2 + input·t/1000 − 0.1.
    struct ToyUNet: NoisePredictor {
        func predict(_ input: [Float], timestep: Float, conditioning: Float) async throws -> [Float] {
            input.map { Float(tanh(Double($0)) * 0.5 + Double($0) * Double(timestep) / 1000 - 0.1) + conditioning }
        }
    }

    struct File: Decodable {
        let x: [Float]
        let cases: [Case]
    }
    struct Case: Decodable {
        let kind: String
        let sigma: Float
        let denoised: [Double]
    }

    @Test func wrappersMatchReference() async throws {
        let file = try Fixtures.json(File.self, "wrappers.json")
        #expect(file.cases.count == 15)
        for testCase in file.cases {
            let (table, parameterization): (any SigmaTable, Parameterization) = switch testCase.kind {
            case "epsilon": (DiscreteSchedule.stableDiffusion, .epsilon)
            case "velocity": (DiscreteSchedule.stableDiffusion, .velocity)
            default: (LCMSchedule(), .latentConsistency)
            }
            let wrapper = ModelDenoiser(model: ToyUNet(), table: table, parameterization: parameterization)
            let denoised = try await wrapper.denoise(file.x, sigma: testCase.sigma, conditioning: 0)
            expectClose(denoised, testCase.denoised, relative: 1e-5, "\(testCase.kind) σ=\(testCase.sigma)")
        }
    }

    /// A model whose "denoised" output is x + conditioning, so guidance arithmetic is visible.
    struct Offset: NoisePredictor {
        func predict(_ input: [Float], timestep: Float, conditioning: Float) async throws -> [Float] {
            input.map { _ in -conditioning }  // ε = −c ⇒ D = x + σ·c
        }
    }

    @Test func guidanceCombinesWeightedConditionsAsA1111() async throws {
        let model = ModelDenoiser(model: Offset(), table: DiscreteSchedule.stableDiffusion, parameterization: .epsilon)
        let cfg = try CFGDenoiser(
            model: model, positive: [.init(2, weight: 1), .init(4, weight: 0.5)], negative: 1, scale: 3)
        // D_u = x + σ, D_c1 = x + 2σ, D_c2 = x + 4σ: D = D_u + 3·(1·σ + 0.5·3σ) = x + 8.5σ
        let out = try await cfg.denoise([0, 1], sigma: 2)
        #expect(out == [17, 18])
        let (guided, unconditional) = try await cfg.denoiseWithUnconditional([0], sigma: 2, guidanceScaleMultiplier: 1 / 12.5)
        #expect(abs(guided[0] - (2 + 3 / 12.5 * (2 + 3))) < 1e-5)
        #expect(unconditional == [2])
    }

    @Test func sMinUncondSkipsEverySecondCallBelowTheThreshold() async throws {
        let model = ModelDenoiser(model: Offset(), table: DiscreteSchedule.stableDiffusion, parameterization: .epsilon)
        let cfg = try CFGDenoiser(model: model, positive: [.init(2)], negative: 1, scale: 5, sMinUncond: 1)
        let first = try await cfg.denoise([0], sigma: 0.5)   // call 0: full CFG: 0.5 + 5·0.5
        let second = try await cfg.denoise([0], sigma: 0.5)  // call 1, σ < 1: conditional only
        let third = try await cfg.denoise([0], sigma: 2)     // call 2: full
        let fourth = try await cfg.denoise([0], sigma: 2)    // call 3, σ ≥ 1: full
        #expect(first == [3])
        #expect(second == [1])
        #expect(third == [12])
        #expect(fourth == [12])
    }

    @Test func wrongModelOutputSizeIsATypedError() async throws {
        struct Broken: NoisePredictor {
            func predict(_ input: [Float], timestep: Float, conditioning: Int) async throws -> [Float] { [0] }
        }
        let wrapper = ModelDenoiser(model: Broken(), table: DiscreteSchedule.stableDiffusion, parameterization: .epsilon)
        await #expect(throws: SamplingError.modelOutputShape(expected: 3, actual: 1)) {
            _ = try await wrapper.denoise([1, 2, 3], sigma: 1, conditioning: 0)
        }
    }
}

struct InpaintingTests {
    struct Constant: Denoiser {
        let value: Float
        func denoise(_ x: [Float], sigma: Float) async throws -> [Float] { x.map { _ in value } }
    }

    @Test func keepsMaskedLatentAndRepaintsTheRest() async throws {
        let inpaint = try InpaintingDenoiser(base: Constant(value: 5), initialLatent: [1, 2, 3, 4], keep: [1, 0])
        #expect(try await inpaint.denoise([9, 9, 9, 9], sigma: 1) == [1, 5, 3, 5])
        #expect(inpaint.finish([7, 7, 7, 7]) == [1, 7, 3, 7])
        let soft = try InpaintingDenoiser(base: Constant(value: 0), initialLatent: [2, 2], keep: [0.25, 0.25])
        #expect(try await soft.denoise([0, 0], sigma: 1) == [0.5, 0.5])
        #expect(throws: SamplingError.maskShape(latent: 3, mask: 2)) {
            try InpaintingDenoiser(base: Constant(value: 0), initialLatent: [1, 2, 3], keep: [1, 0])
        }
    }
}
