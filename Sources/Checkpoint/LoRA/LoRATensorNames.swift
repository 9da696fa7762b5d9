/// Tensor-name suffixes of the LoRA formats (engine notes §7.2), mapped to a role, so a file's
/// keys can be grouped by module. Longer suffixes come first so `lora_up.weight` is not taken
/// for `up.weight`.
enum LoRATensorRole: String, CaseIterable {
    case up, down, mid, alpha, doraScale
    case hadaW1A, hadaW1B, hadaW2A, hadaW2B, hadaT1, hadaT2
    case lokrW1, lokrW1A, lokrW1B, lokrW2, lokrW2A, lokrW2B, lokrT2
    case diff, diffBias

    static let suffixes: [(suffix: String, role: LoRATensorRole)] = [
        (".lora_linear_layer.up.weight", .up), (".lora_linear_layer.down.weight", .down),
        (".lora_B.default.weight", .up), (".lora_A.default.weight", .down),
        ("_lora.up.weight", .up), ("_lora.down.weight", .down),
        (".lora_up.weight", .up), (".lora_down.weight", .down), (".lora_mid.weight", .mid),
        (".lora.up.weight", .up), (".lora.down.weight", .down),
        (".lora_B.weight", .up), (".lora_A.weight", .down),
        (".hada_w1_a", .hadaW1A), (".hada_w1_b", .hadaW1B), (".hada_w2_a", .hadaW2A), (".hada_w2_b", .hadaW2B),
        (".hada_t1", .hadaT1), (".hada_t2", .hadaT2),
        (".lokr_w1_a", .lokrW1A), (".lokr_w1_b", .lokrW1B), (".lokr_w2_a", .lokrW2A), (".lokr_w2_b", .lokrW2B),
        (".lokr_t2", .lokrT2), (".lokr_w1", .lokrW1), (".lokr_w2", .lokrW2),
        (".dora_scale", .doraScale), (".alpha", .alpha), (".diff_b", .diffBias), (".diff", .diff),
    ]

    /// (module name, role) for a tensor key, or nil when no LoRA suffix matches.
    static func split(_ key: String) -> (module: String, role: LoRATensorRole)? {
        for (suffix, role) in suffixes where key.hasSuffix(suffix) {
            return (String(key.dropLast(suffix.count)), role)
        }
        return nil
    }
}
