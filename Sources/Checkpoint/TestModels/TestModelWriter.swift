import Tensor

/// Writes checkpoints with random weights in the canonical single-file layout (text encoders
/// in HF layout, which every loader accepts), streamed one tensor at a time so full-size models
/// need only their largest tensor in memory.
///
/// Values: norm weights 1, biases uniform ±0.02, matrices and kernels uniform ±1/√fan-in,
/// embeddings uniform ±0.02. v-prediction presets get the SD2 marker: the last output block's
/// first `norm1.bias` spread ±0.2 (engine notes §1.4), so detection sees them as v.
public enum TestModelWriter {
    public static func write(
        _ preset: ModelPreset, to path: String, seed: UInt64 = 0, dtype: DType = .f16
    ) throws(CheckpointError) {
        let model = preset.model
        let layout = try CheckpointLayout(model)
        let vMarker = model.prediction == .v
            ? CanonicalPrefix.unet + "output_blocks.\(model.unet.transformerDepthOutput.count - 1).1.transformer_blocks.0.norm1.bias"
            : nil
        let planned = layout.shapes.mapValues { TensorInfo(dtype: StoredDType(dtype), shape: $0) }
        let metadata = ["format": "pt", "sdserve.preset": preset.rawValue, "sdserve.seed": String(seed)]
        try SafetensorsWriter.write(to: path, planned: planned, metadata: metadata) { name, info, buffer in
            var random = SeededRandom.forTensor(name, seed: seed)
            let shape = info.shape
            let count = info.elementCount
            if name == vMarker {
                store(count: count, dtype: dtype, into: buffer) { $0 % 2 == 0 ? 0.2 : -0.2 }
            } else if shape.count == 1, name.hasSuffix(".weight") {
                store(count: count, dtype: dtype, into: buffer) { _ in 1 }
            } else {
                let isSmall = shape.count <= 1 || name.contains("embedding")
                let bound: Float = isSmall ? 0.02 : 1 / Float(max(count / shape[0], 1)).squareRoot()
                store(count: count, dtype: dtype, into: buffer) { _ in random.uniform(bound) }
            }
        }
    }

    /// Writes `value(i)` for every element, converted to `dtype`.
    static func store(count: Int, dtype: DType, into buffer: UnsafeMutableRawBufferPointer, _ value: (Int) -> Float) {
        switch dtype {
        case .f32:
            let out = buffer.bindMemory(to: Float.self)
            for i in 0..<count { out[i] = value(i) }
        case .f16:
            let out = buffer.bindMemory(to: UInt16.self)
            for i in 0..<count { out[i] = Float16(value(i)).bitPattern }
        case .bf16:
            let out = buffer.bindMemory(to: UInt16.self)
            for i in 0..<count { out[i] = HalfConversion.bf16Bits(from: value(i)) }
        }
    }
}
