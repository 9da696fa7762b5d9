import Foundation
import Testing
import Tensor
@testable import Checkpoint

@Suite struct TestModelTests {
    @Test(arguments: ModelPreset.allCases.filter(\.isTiny))
    func tinyModelsRoundTripThroughDetection(preset: ModelPreset) throws {
        let dir = TestDirectory()
        let path = dir.path("\(preset.rawValue).safetensors")
        try TestModelWriter.write(preset, to: path, seed: 3, dtype: .f16)
        let file = try SafetensorsFile(path: path)
        let detected = try ModelDetector.detect(try Canonicalizer.canonicalize(file))
        #expect(detected == preset.model)
        let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0
        #expect(size < 12_000_000, "tiny model is \(size) bytes")
        #expect(file.metadata["sdserve.preset"] == preset.rawValue)
    }

    @Test func weightsFollowTheDocumentedRulesAndTheSeed() throws {
        let dir = TestDirectory()
        let a = dir.path("a.safetensors"), b = dir.path("b.safetensors"), c = dir.path("c.safetensors")
        try TestModelWriter.write(.sd15Tiny, to: a, seed: 1, dtype: .f32)
        try TestModelWriter.write(.sd15Tiny, to: b, seed: 1, dtype: .f32)
        try TestModelWriter.write(.sd15Tiny, to: c, seed: 2, dtype: .f32)
        let key = "model.diffusion_model.input_blocks.1.0.in_layers.2.weight"
        let first = try SafetensorsFile(path: a).tensor(key).floats()
        #expect(first == (try SafetensorsFile(path: b).tensor(key).floats()))
        #expect(first != (try SafetensorsFile(path: c).tensor(key).floats()))
        let bound = 1 / Float(32 * 9).squareRoot()
        #expect(first.allSatisfy { abs($0) <= bound })
        let norm = try SafetensorsFile(path: a).tensor("model.diffusion_model.out.0.weight").floats()
        #expect(norm.allSatisfy { $0 == 1 })
    }
}
