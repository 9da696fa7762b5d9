import Checkpoint
import Sampling
import Testing
@testable import Generation

/// The hires checkpoint and the SDXL refiner on tiny checkpoints.
struct CompanionModelsTests {
    /// SDXL base and refiner, loaded once for this suite.
    static let sdxlCache = TinyModels.makeCache(capacity: 2)

    static func run(
        _ request: GenerationRequest, model: LoadedModel, companions: CompanionModels
    ) async throws -> GenerationResult {
        try await TinyModels.service.run(job: "test") { _, _ in
            try await Txt2ImgPipeline.run(request, model: model, context: testContext, companions: companions)
        }
    }

    @Test func hiresCheckpointRunsTheSecondPassWithItsOwnWeights() async throws {
        let base = try await TinyModels.sharedCache.model(for: TinyModels.sd15())
        let other = try await TinyModels.sharedCache.model(
            for: ModelSelection(checkpoint: TinyModels.file(.sd15Tiny, name: "sd15-tiny-b", seed: 2)))
        var request = GenerationRequest.tiny(seed: 3, steps: 2)
        var fix = HiresFix(denoisingStrength: 0.6)
        fix.scale = 1.5
        fix.prompt = "a photo of a dog"
        request.hires = fix
        let plain = try await Self.run(request, model: base, companions: .none)
        let switched = try await Self.run(request, model: base, companions: CompanionModels(hires: other))
        #expect(plain.images[0].width == 96 && switched.images[0].width == 96)
        #expect(plain.images != switched.images)
        #expect(switched.infotexts[0].contains("Hires checkpoint: sd15-tiny-b [0123456789], Hires prompt: a photo of a dog, Hires upscale: "))
        #expect(switched.infotexts[0].contains("Hires upscaler: Latent, Version"))
        #expect(switched.info["sd_model_name"] == .string("sd15-tiny"))
        #expect(!plain.infotexts[0].contains("Hires checkpoint"))
    }

    @Test func refinerTakesOverAtTheSwitchPoint() async throws {
        let base = try await Self.sdxlCache.model(for: ModelSelection(checkpoint: TinyModels.file(.sdxlTiny, name: "sdxl-tiny")))
        let refiner = try await Self.sdxlCache.model(
            for: ModelSelection(checkpoint: TinyModels.file(.sdxlRefinerTiny, name: "sdxl-refiner-tiny", seed: 5)))
        #expect(refiner.family == .sdxlRefiner)
        let request = GenerationRequest.tiny(seed: 8, steps: 4)
        let alone = try await Self.run(request, model: base, companions: .none)
        let refined = try await Self.run(
            request, model: base, companions: CompanionModels(refiner: RefinerModel(model: refiner, switchAt: 0.5)))
        #expect(alone.images != refined.images)
        #expect(refined.infotexts[0].contains("Refiner: sdxl-refiner-tiny [0123456789], Refiner switch at: 0.5"), "\(refined.infotexts[0])")
        // Progress never reaches 1.0 (at most 999/1000), so the refiner never runs, as in A1111.
        let never = try await Self.run(
            request, model: base, companions: CompanionModels(refiner: RefinerModel(model: refiner, switchAt: 1.0)))
        #expect(never.images == alone.images)
        #expect(!never.infotexts[0].contains("Refiner"))
    }
}

/// The hand-over rule on its own, with stand-in denoisers.
struct RefinerSwitchTests {
    struct Constant: Denoiser {
        let value: Float
        func denoise(_ x: [Float], sigma: Float) async throws -> [Float] { x.map { _ in value } }
    }

    final class StepLog: @unchecked Sendable {
        var steps: [Int] = []
    }

    @Test func progressIsReadOffTheNearestTimestep() {
        let table = DiscreteSchedule.scaledLinear()
        #expect(RefinerSwitch.progress(sigma: table.sigmas[199], table: table, usesTimesteps: false) == 0.8)
        #expect(RefinerSwitch.progress(sigma: table.sigmas[199] * 1.001, table: table, usesTimesteps: false) == 0.8)
        #expect(RefinerSwitch.progress(sigma: table.sigmas[199], table: table, usesTimesteps: true) == 0.8)
        #expect(RefinerSwitch.progress(sigma: table.sigmas[999], table: table, usesTimesteps: false) == 0)
    }

    @Test func switchesOnceProgressReachesTheFractionAndStays() async throws {
        let table = DiscreteSchedule.scaledLinear()
        let log = StepLog()
        let refinerSwitch = RefinerSwitch(base: Constant(value: 1), switchAt: 0.5, table: table, usesTimesteps: false) { step in
            log.steps.append(step)
            return Constant(value: 2)
        }
        var answers: [Float] = []
        for timestep in [999, 700, 500, 499, 300, 0] {
            answers.append(try await refinerSwitch.denoise([0], sigma: table.sigmas[timestep])[0])
        }
        #expect(answers == [1, 1, 1, 2, 2, 2])
        #expect(log.steps == [3])
        #expect(await refinerSwitch.switched)
    }
}
