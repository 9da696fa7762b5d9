import Tensor

/// Writes a kohya-format LoRA for a base model: rank-`rank` factors with `alpha` = rank / 2 on
/// every UNet attention projection (`lora_unet_<ldm path>`) and every text-encoder attention and
/// MLP layer (`lora_te_`, or `lora_te1_`/`lora_te2_` for SDXL), plus the usual `ss_*` metadata.
public enum TestLoRAWriter {
    public static func write(
        base: DetectedModel, to path: String, seed: UInt64 = 0, rank: Int = 4, dtype: DType = .f16, name: String = "tiny-lora"
    ) throws(CheckpointError) {
        let layout = try CheckpointLayout(base)
        var planned: [String: TensorInfo] = [:]
        let stored = StoredDType(dtype)
        for (key, shape) in layout.shapes where shape.count == 2 && key.hasSuffix(".weight") {
            guard let module = moduleName(key, base: base) else { continue }
            planned[module + ".lora_down.weight"] = TensorInfo(dtype: stored, shape: [rank, shape[1]])
            planned[module + ".lora_up.weight"] = TensorInfo(dtype: stored, shape: [shape[0], rank])
            planned[module + ".alpha"] = TensorInfo(dtype: stored, shape: [])
        }
        let metadata = [
            "ss_network_module": "networks.lora", "ss_network_dim": String(rank), "ss_network_alpha": String(Float(rank) / 2),
            "ss_output_name": name, "ss_base_model_version": base.architecture.rawValue, "sdserve.seed": String(seed),
        ]
        try SafetensorsWriter.write(to: path, planned: planned, metadata: metadata) { key, info, buffer in
            var random = SeededRandom.forTensor(key, seed: seed)
            let isAlpha = key.hasSuffix(".alpha")
            TestModelWriter.store(count: info.elementCount, dtype: dtype, into: buffer) { _ in
                isAlpha ? Float(rank) / 2 : random.uniform(0.1)
            }
        }
    }

    /// The kohya module name for a canonical weight key, or nil when the LoRA skips it.
    static func moduleName(_ key: String, base: DetectedModel) -> String? {
        let module = String(key.dropLast(".weight".count))
        if module.hasPrefix(CanonicalPrefix.unet) {
            let path = module.dropFirst(CanonicalPrefix.unet.count)
            let isAttention = [".to_q", ".to_k", ".to_v", ".to_out.0"].contains { path.hasSuffix($0) }
            return isAttention ? "lora_unet_" + path.split(separator: ".").joined(separator: "_") : nil
        }
        for (slot, encoder) in base.textEncoders.enumerated() where module.hasPrefix(encoder.prefix + "text_model.encoder.layers.") {
            let prefix = base.textEncoders.count == 1 ? "lora_te_" : "lora_te\(slot + 1)_"
            return prefix + module.dropFirst(encoder.prefix.count).split(separator: ".").joined(separator: "_")
        }
        return nil
    }
}
