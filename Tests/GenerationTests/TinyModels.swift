import Checkpoint
import Foundation
import Tensor
@testable import Generation

/// Tiny random checkpoints in the real layout, written once per test run into a temporary
/// folder, and one loaded model cache shared by the tests.
enum TinyModels {
    static let folder: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sdserve-generation-tests-\(getpid())")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    /// Writes `preset` (seeded) as `<name>.safetensors` unless already there. Tests run in
    /// parallel, so the file is written under a unique name and renamed into place atomically:
    /// a reader sees no file or a complete one, never a half-written one.
    static func file(_ preset: ModelPreset, name: String, seed: UInt64 = 1, dtype: DType = .f32) throws -> ModelSelection.File {
        let path = folder.appendingPathComponent("\(name).safetensors").path
        if !FileManager.default.fileExists(atPath: path) {
            let partial = path + ".\(UUID().uuidString).partial"
            try TestModelWriter.write(preset, to: partial, seed: seed, dtype: dtype)
            guard rename(partial, path) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
            }
        }
        return ModelSelection.File(path: path, name: name, shortHash: "0123456789")
    }

    /// A file that is not a checkpoint.
    static func brokenFile() throws -> ModelSelection.File {
        let path = folder.appendingPathComponent("broken.safetensors").path
        try Data("this is not a checkpoint".utf8).write(to: URL(fileURLWithPath: path))
        return ModelSelection.File(path: path, name: "broken")
    }

    /// The CPU backend when the machine has it, as the server would choose.
    static func loader() throws -> ModelLoader {
        try ModelLoader(backend: (try? CPUBackend()) ?? ReferenceBackend())
    }

    static func load(_ selection: ModelSelection) throws(ModelLoadFailure) -> LoadedModel {
        let loader: ModelLoader
        do { loader = try self.loader() } catch { throw ModelLoadFailure(file: "bundled tokenizer", reason: "\(error)") }
        return try loader.load(selection)
    }

    static func makeCache(capacity: Int) -> ModelCache { ModelCache(capacity: capacity, load: load) }

    /// Shared by the pipeline tests, so the tiny model is loaded once per run.
    static let sharedCache = makeCache(capacity: 2)

    /// Runs the pipeline tests' jobs one at a time, as the server does: a loaded model (its
    /// backend's cached plans) serves one generation at a time.
    static let service = GenerationService(models: sharedCache, queueCapacity: 1000, version: "sdserve-test")

    /// txt2img with the shared SD1 tiny model, through the shared service.
    static func generate(_ request: GenerationRequest) async throws -> GenerationResult {
        let model = try await sharedCache.model(for: sd15())
        return try await service.run(job: "test") { _, _ in
            try await Txt2ImgPipeline.run(request, model: model, context: testContext)
        }
    }

    static func sd15() throws -> ModelSelection { ModelSelection(checkpoint: try file(.sd15Tiny, name: "sd15-tiny")) }
}

extension GenerationRequest {
    /// A fast request: 64×64, a few Euler steps, a fixed seed.
    static func tiny(seed: Int = 1234, steps: Int = 3) -> GenerationRequest {
        var request = GenerationRequest()
        request.prompt = "a photo of a cat"
        request.negativePrompt = "blurry"
        request.seed = seed
        request.steps = steps
        request.width = 64
        request.height = 64
        request.samplerName = "Euler"
        return request
    }
}

extension GenerationRequest {
    func with(iterations: Int) -> GenerationRequest {
        var copy = self
        copy.iterations = iterations
        return copy
    }
}

let testContext = JobContext(timestamp: "20260101120000", version: "sdserve-test")
