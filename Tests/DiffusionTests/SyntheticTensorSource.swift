import Checkpoint
import Foundation
import Tensor

/// A checkpoint whose every tensor is a pure function of its key and shape, reproducing
/// `tools/fixtures/diffusion/synthetic_weights.py` bit for bit (see there for the formula).
/// The parity fixtures store only key lists, inputs and outputs; this rebuilds the weights.
struct SyntheticTensorSource: TensorSource {
    let fileName: String
    let infos: [String: TensorInfo]

    init(fileName: String = "synthetic.safetensors", shapes: [String: [Int]]) {
        self.fileName = fileName
        infos = shapes.mapValues { TensorInfo(dtype: .f32, shape: $0) }
    }

    func tensor(_ key: String) throws(CheckpointError) -> Tensor {
        guard let info = infos[key] else { throw .missingTensor(file: fileName, key: key) }
        let values = Self.values(key: key, shape: info.shape)
        do { return try Tensor(shape: info.shape, values: values) } catch {
            throw .malformed(file: fileName, key: key, reason: "\(error)")
        }
    }

    static func values(key: String, shape: [Int]) -> [Float] {
        var seed: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in key.utf8 { seed = (seed ^ UInt64(byte)) &* 0x100_0000_01B3 }
        let count = shape.reduce(1, *)
        let scale: Float? = shape.count >= 2 ? Float(1.0 / Double(shape.dropFirst().reduce(1, *)).squareRoot()) : nil
        let isNormScale = shape.count < 2 && key.hasSuffix(".weight")
        return (0..<count).map { i in
            var z = seed &+ UInt64(i + 1) &* 0x9E37_79B9_7F4A_7C15
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            let unit = Float(z >> 40) * 0x1p-23 - 1
            if let scale { return unit * scale }
            return isNormScale ? unit * 0.1 + 1 : unit * 0.1
        }
    }
}
