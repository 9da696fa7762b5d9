import Checkpoint
import Tensor
import Testing

@testable import Diffusion

/// An in-memory `TensorSource` for loader tests.
struct DictionarySource: TensorSource {
    let fileName = "memory.safetensors"
    let tensors: [String: Tensor]
    var infos: [String: TensorInfo] {
        tensors.mapValues { TensorInfo(dtype: $0.dtype == .f32 ? .f32 : ($0.dtype == .f16 ? .f16 : .bf16), shape: $0.shape) }
    }

    func tensor(_ key: String) throws(CheckpointError) -> Tensor {
        guard let tensor = tensors[key] else { throw .missingTensor(file: fileName, key: key) }
        return tensor
    }
}

@Suite struct WeightReaderTests {
    let backend = ReferenceBackend()

    @Test func linearReadsItsKeysAndComputes() throws {
        let source = DictionarySource(tensors: [
            "m.fc.weight": try Tensor(shape: [2, 3], values: [1, 0, 0, 0, 1, 1]),
            "m.fc.bias": try Tensor(shape: [2], values: [0.5, -1]),
        ])
        let root = WeightReader(source: source, prefix: "m.", backend: backend)
        let fc = try Linear(root.child("fc"), inputs: 3, outputs: 2)
        try root.finishLoading()
        let y = try fc(try Tensor(shape: [1, 3], values: [1, 2, 3]), backend: backend)
        #expect(y.floats() == [1.5, 4])
    }

    @Test func missingTensorNamesFullKey() {
        let source = DictionarySource(tensors: ["m.fc.weight": Tensor(zeros: [2, 3])])
        let root = WeightReader(source: source, prefix: "m.", backend: backend)
        #expect(throws: DiffusionError.missingWeight(file: "memory.safetensors", key: "m.fc.bias")) {
            _ = try Linear(root.child("fc"), inputs: 3, outputs: 2)
        }
    }

    @Test func wrongShapeNamesKeyAndShapes() {
        let source = DictionarySource(tensors: ["m.conv.weight": Tensor(zeros: [4, 3, 1, 1]), "m.conv.bias": Tensor(zeros: [4])])
        let root = WeightReader(source: source, prefix: "m.", backend: backend)
        #expect(throws: DiffusionError.weightShape(file: "memory.safetensors", key: "m.conv.weight", expected: [4, 3, 3, 3], got: [4, 3, 1, 1])) {
            _ = try Conv2D(root.child("conv"), inputs: 3, outputs: 4, kernel: 3)
        }
    }

    @Test func unusedTensorsAreReported() throws {
        let source = DictionarySource(tensors: [
            "m.norm.weight": Tensor(zeros: [32]), "m.norm.bias": Tensor(zeros: [32]),
            "m.extra.weight": Tensor(zeros: [1]), "other.weight": Tensor(zeros: [1]),
        ])
        let root = WeightReader(source: source, prefix: "m.", backend: backend)
        _ = try GroupNorm(root.child("norm"), channels: 32, eps: 1e-5)
        #expect(throws: DiffusionError.unusedWeights(file: "memory.safetensors", prefix: "m.", keys: ["m.extra.weight"])) {
            try root.finishLoading()
        }
    }

    @Test func weightsStayAsStoredAndParametersBecomeF32() throws {
        let source = DictionarySource(tensors: [
            "fc.weight": try Tensor(shape: [1, 2], values: [1, 2], dtype: .f16),
            "fc.bias": try Tensor(shape: [1], values: [3], dtype: .f16),
        ])
        let fc = try Linear(WeightReader(source: source, prefix: "", backend: ReferenceBackend(precision: .bf16)).child("fc"),
                            inputs: 2, outputs: 1)
        #expect(fc.weight.original.dtype == .f16)
        #expect(fc.bias?.dtype == .f32)
    }
}
