import Checkpoint
import Foundation
import Generation
import Prompting
import Tensor
import Testing

/// The path a server takes: a checkpoint file, canonical keys, detection, then prompts.
@Suite struct PromptEncoderCheckpointTests {
    let backend = ReferenceBackend()

    @Test(arguments: [ModelPreset.sd15Tiny, .sd2vTiny, .sdxlTiny, .sdxlRefinerTiny])
    func encodesPromptsWithADetectedTinyCheckpoint(_ preset: ModelPreset) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sdserve-clip-\(preset.rawValue)-\(UUID()).safetensors").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try TestModelWriter.write(preset, to: path, dtype: .f16)
        let source = try Canonicalizer.canonicalize(try ModelFileReader.open(path))
        let model = try ModelDetector.detect(source)
        let encoder = try PromptEncoder(model: model, source: source, backend: backend, tokenizer: try CLIPTokenizer.bundled())

        let family = model.architecture.family
        let size = SDXLSizeConditioning.a1111(width: 64, height: 96, isNegative: false)
        let schedule = PromptScheduler.schedule(
            "a (photo:1.2) of a [cat:dog:3], " + Array(repeating: "sunny meadow", count: 40).joined(separator: " "), timing: ScheduleTiming(steps: 6))
        let result = try encoder.encode(schedule: schedule, isNegative: false, options: TextEncodingOptions(clipSkip: 2), size: size, backend: backend)

        let width = model.textEncoders.map(\.config.width).reduce(0, +)
        #expect(result.map(\.endStep) == [3, 6])
        for entry in result {
            #expect(entry.conditioning.crossAttention.shape == [1, 154, width])
            #expect(entry.conditioning.crossAttention.floats().allSatisfy { $0.isFinite })
            switch family {
            case .sd1, .sd2: #expect(entry.conditioning.vector == nil)
            case .sdxl: #expect(entry.conditioning.vector?.shape == [1, 32 + 6 * 256])
            case .sdxlRefiner: #expect(entry.conditioning.vector?.shape == [1, 32 + 5 * 256])
            }
        }
    }
}
