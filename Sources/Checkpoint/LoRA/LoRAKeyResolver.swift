import Foundation

/// Maps LoRA module names of every supported scheme to canonical weight keys (engine notes
/// §7.1), built from the base model's canonical layout: kohya `lora_unet_*` with LDM or
/// diffusers paths, `lycoris_*`, diffusers/PEFT `unet.*`, generic `diffusion_model.*`, and for
/// text encoders `lora_te*_…` and `text_encoder(_2).…`.
public struct LoRAKeyResolver: Sendable {
    private let targets: [String: String]

    public init(model: DetectedModel) throws(CheckpointError) {
        var targets: [String: String] = [:]
        let layout = try CheckpointLayout(model)
        let names = DiffusersUNetNames(config: model.unet)
        for key in layout.keys where key.hasPrefix(CanonicalPrefix.unet) && key.hasSuffix(".weight") {
            let module = String(key.dropFirst(CanonicalPrefix.unet.count).dropLast(".weight".count))
            targets["lora_unet_" + Self.flat(module)] = key
            targets["diffusion_model." + module] = key
            if let diffusers = names.diffusersName(module + ".").map({ String($0.dropLast()) }) {
                targets["lora_unet_" + Self.flat(diffusers)] = key
                targets["lycoris_" + Self.flat(diffusers)] = key
                targets["unet." + diffusers] = key
                targets[diffusers] = key
            }
        }
        for (slot, encoder) in model.textEncoders.enumerated() {
            let kohya = Self.kohyaPrefixes(slot: slot, count: model.textEncoders.count)
            let diffusers = slot == 1 || encoder.role == .clipG ? "text_encoder_2." : "text_encoder."
            for layer in 0..<encoder.config.layers {
                for part in ["self_attn.q_proj", "self_attn.k_proj", "self_attn.v_proj", "self_attn.out_proj", "mlp.fc1", "mlp.fc2"] {
                    let module = "text_model.encoder.layers.\(layer).\(part)"
                    let key = encoder.prefix + module + ".weight"
                    for prefix in kohya { targets[prefix + Self.flat(module)] = key }
                    targets[diffusers + module] = key
                }
            }
            if encoder.config.projectionDim != nil {
                for prefix in kohya { targets[prefix + "text_projection"] = encoder.prefix + "text_projection.weight" }
            }
        }
        self.targets = targets
    }

    /// SD1/SD2/refiner: `lora_te_` (and `lora_te1_`); SDXL base: `lora_te1_` for CLIP-L, `lora_te2_` for bigG.
    private static func kohyaPrefixes(slot: Int, count: Int) -> [String] {
        count == 1 ? ["lora_te_", "lora_te1_"] : ["lora_te\(slot + 1)_"]
    }

    private static func flat(_ path: String) -> String { path.replacingOccurrences(of: ".", with: "_") }

    /// The canonical weight key for a module name from a LoRA file, or nil when it names
    /// nothing in this model.
    public func target(for module: String) -> String? {
        if let key = targets[module] { return key }
        // Old diffusers attention processors: `….attn1.processor.to_out` stands for `….attn1.to_out.0`.
        let normalized = module.replacingOccurrences(of: ".processor.", with: ".")
        let withOut = normalized.hasSuffix(".to_out") ? normalized + ".0" : normalized
        return targets[withOut] ?? targets["unet." + withOut]
    }
}
