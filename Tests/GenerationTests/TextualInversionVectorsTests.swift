import Checkpoint
import Generation
import Tensor
import Testing

@Suite struct TextualInversionVectorsTests {
    /// Tensors held in memory, standing in for an embedding file.
    struct MemorySource: TensorSource {
        let tensors: [String: Tensor]
        var fileName: String { "memory" }
        var infos: [String: TensorInfo] { tensors.mapValues { TensorInfo(dtype: .f32, shape: $0.shape) } }
        func tensor(_ key: String) throws(CheckpointError) -> Tensor {
            guard let tensor = tensors[key] else { throw .missingTensor(file: fileName, key: key) }
            return tensor
        }
    }

    @Test func laterFilesWithTheSameNameWin() throws {
        let sd1 = try TextualInversion(source: MemorySource(tensors: ["emb_params": Tensor(zeros: [2, 768])]), stem: "style")
        let sdxl = try TextualInversion(
            source: MemorySource(tensors: ["clip_l": Tensor(zeros: [3, 768]), "clip_g": Tensor(zeros: [3, 1280])]), stem: "style")
        let other = try TextualInversion(source: MemorySource(tensors: ["emb_params": Tensor(zeros: [1, 1024])]), stem: "other")
        let vectors = PromptEncoder.embeddingVectors([sd1, other, sdxl])
        #expect(vectors.keys.sorted() == ["other", "style"])
        #expect(vectors["style"]?.keys.sorted { $0.rawValue < $1.rawValue } == [.clipG, .clipL])
        #expect(vectors["style"]?[.clipL]?.shape == [3, 768])
        #expect(vectors["other"]?[.clipH]?.shape == [1, 1024])
    }
}
