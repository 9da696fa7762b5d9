/// The key scheme a file was written in.
public enum SourceLayout: String, Sendable, Codable {
    /// The original single-file (ldm/sgm) layout of A1111 checkpoints.
    case singleFile = "single-file"
    /// diffusers names: a pipeline folder or a file with `unet.`/`vae.`/`text_encoder.` parts, or a bare UNet.
    case diffusers
    /// A VAE on its own (ldm or diffusers names, no prefix).
    case standaloneVAE = "vae"
}

/// Presents any supported file under canonical keys: the single-file layout with each text
/// encoder in the HF CLIP layout at `<embedder>.transformer.` (see `CanonicalPrefix`). Keys no
/// rule knows pass through unchanged, so nothing is silently lost.
public enum Canonicalizer {
    public static func layout(of keys: some Collection<String>) -> SourceLayout {
        let singleFileRoots = ["model.diffusion_model.", "first_stage_model.", "cond_stage_model.", "conditioner."]
        if keys.contains(where: { key in singleFileRoots.contains { key.hasPrefix($0) } }) { return .singleFile }
        let diffusersRoots = ["unet.", "vae.", "text_encoder.", "text_encoder_2.", "time_embedding.", "down_blocks."]
        if keys.contains(where: { key in diffusersRoots.contains { key.hasPrefix($0) } }) { return .diffusers }
        if keys.contains(where: { $0.hasPrefix("encoder.") || $0.hasPrefix("decoder.") }) { return .standaloneVAE }
        return .singleFile
    }

    public static func canonicalize(_ source: any TensorSource) throws(CheckpointError) -> RemappedSource {
        let keys = Array(source.keys)
        var map: [String: KeyMapping] = [:]
        switch layout(of: keys) {
        case .singleFile: singleFile(keys, into: &map)
        case .diffusers: diffusers(keys, into: &map)
        case .standaloneVAE: vae(keys, sourcePrefix: "", into: &map)
        }
        return try RemappedSource(base: source, mappings: map)
    }

    static func singleFile(_ keys: [String], into map: inout [String: KeyMapping]) {
        // OpenCLIP towers sit at `<embedder>.model.`; they become HF layout at `<embedder>.transformer.`.
        let openCLIP = keys.filter { $0.hasSuffix("model.token_embedding.weight") }
            .map { String($0.dropLast("token_embedding.weight".count)) }
        let oldSD1 = "cond_stage_model.transformer."
        for key in keys {
            if let tower = openCLIP.first(where: { key.hasPrefix($0) }) {
                let target = String(tower.dropLast("model.".count)) + "transformer."
                for (name, transform) in OpenCLIPRules.canonical(String(key.dropFirst(tower.count))) ?? [] {
                    map[target + name] = KeyMapping(key, transform)
                }
            } else if key.hasPrefix(oldSD1), !key.hasPrefix(oldSD1 + "text_model."), !key.hasPrefix(oldSD1 + "text_projection.") {
                map[oldSD1 + "text_model." + key.dropFirst(oldSD1.count)] = KeyMapping(key)
            } else if isVAEAttentionMatrix(key) {
                map[key] = KeyMapping(key, .appendUnitDimensions)
            } else {
                map[key] = KeyMapping(key)
            }
        }
    }

    /// Some converted VAEs store mid-block attention as linear `[C, C]` weights.
    static func isVAEAttentionMatrix(_ key: String) -> Bool {
        guard key.hasPrefix(CanonicalPrefix.vae), key.contains(".mid.attn_1."), key.hasSuffix(".weight") else { return false }
        return !key.hasSuffix("norm.weight")
    }

    static func diffusers(_ keys: [String], into map: inout [String: KeyMapping]) {
        let hasParts = keys.contains { $0.hasPrefix("unet.") || $0.hasPrefix("vae.") || $0.hasPrefix("text_encoder") }
        let unetPrefix = hasParts ? "unet." : ""
        let unetKeys = keys.filter { $0.hasPrefix(unetPrefix) && (hasParts || !$0.hasPrefix("encoder.") && !$0.hasPrefix("decoder.")) }
        let rules = DiffusersUNetRules(keys: unetKeys.map { String($0.dropFirst(unetPrefix.count)) })
        var handled = Set<String>()
        for key in unetKeys {
            if let name = rules.canonical(String(key.dropFirst(unetPrefix.count))) {
                map[CanonicalPrefix.unet + name] = KeyMapping(key)
                handled.insert(key)
            }
        }
        if hasParts {
            vae(keys.filter { $0.hasPrefix("vae.") }, sourcePrefix: "vae.", into: &map)
            handled.formUnion(keys.filter { $0.hasPrefix("vae.") })
            let first = keys.contains { $0.hasPrefix("text_encoder.") }
            let second = keys.contains { $0.hasPrefix("text_encoder_2.") }
            let slots: [(String, String)] = switch (first, second) {
            case (true, true): [("text_encoder.", CanonicalPrefix.embedder(0)), ("text_encoder_2.", CanonicalPrefix.embedder(1))]
            case (false, true): [("text_encoder_2.", CanonicalPrefix.embedder(0))]
            default: [("text_encoder.", CanonicalPrefix.singleTextEncoder)]
            }
            for (from, to) in slots {
                for key in keys where key.hasPrefix(from) {
                    map[to + key.dropFirst(from.count)] = KeyMapping(key)
                    handled.insert(key)
                }
            }
        }
        for key in keys where !handled.contains(key) && map[key] == nil { map[key] = KeyMapping(key) }
    }

    /// ldm or diffusers VAE names under `sourcePrefix` → `first_stage_model.`.
    static func vae(_ keys: [String], sourcePrefix: String, into map: inout [String: KeyMapping]) {
        let names = keys.map { String($0.dropFirst(sourcePrefix.count)) }
        let isDiffusers = names.contains { $0.hasPrefix("encoder.down_blocks.") }
        let rules = DiffusersVAERules(keys: names)
        for (key, name) in zip(keys, names) {
            if isDiffusers, let (canonical, transform) = rules.canonical(name) {
                map[CanonicalPrefix.vae + canonical] = KeyMapping(key, transform)
            } else {
                let canonical = CanonicalPrefix.vae + name
                map[canonical] = KeyMapping(key, isVAEAttentionMatrix(canonical) ? .appendUnitDimensions : .identity)
            }
        }
    }
}
