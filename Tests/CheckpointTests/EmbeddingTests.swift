import Foundation
import Testing
import Tensor
@testable import Checkpoint

@Suite struct EmbeddingTests {
    @Test func a1111PickleEmbeddingAssignsByEncoderWidth() throws {
        let manifest = try PyTorchFixtures.manifest()
        let expected = try #require(manifest["embedding"] as? [String: Any])
        let file = try TorchCheckpointFile(path: PyTorchFixtures.path("embedding-sd1.pt"))
        let encoders = [TextEncoder(role: .clipL, prefix: CanonicalPrefix.singleTextEncoder, config: CLIPConfig(
            layers: 1, width: 8, heads: 1, intermediateSize: 32, vocabSize: 49408, maxPositions: 77, projectionDim: nil,
            activation: .quickGELU))]
        let embedding = try TextualInversion(source: file, scalars: file.scalars, stem: "file-stem", encoders: encoders)
        #expect(embedding.name == expected["name"] as? String)
        #expect(embedding.step == expected["step"] as? Int)
        #expect(embedding.vectorCount == 2)
        let values = (expected["values"] as? [Double] ?? []).map(Float.init)
        #expect(embedding.vectors[.clipL]?.floats() == values)
        #expect(throws: CheckpointError.self) { try TextualInversion(source: file, scalars: file.scalars, stem: "x") }
    }

    @Test func sdxlSafetensorsEmbeddingHasBothEncoders() throws {
        let dir = TestDirectory()
        let path = dir.path("style.safetensors")
        try SafetensorsWriter.write(to: path, tensors: ["clip_l": Tensor(zeros: [3, 768]), "clip_g": Tensor(zeros: [3, 1280])])
        let embedding = try TextualInversion(source: try SafetensorsFile(path: path), stem: "style")
        #expect(embedding.name == "style")
        #expect(embedding.vectors[.clipL]?.shape == [3, 768])
        #expect(embedding.vectors[.clipG]?.shape == [3, 1280])
        #expect(embedding.vectorCount == 3)
    }
}
