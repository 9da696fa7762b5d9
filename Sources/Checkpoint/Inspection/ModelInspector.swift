/// Recognises what a model file is (checkpoint, standalone VAE, LoRA, embedding) and
/// summarises it for `sdserve inspect`.
public enum ModelInspector {
    public static func inspect(path: String, fileBytes: Int) throws(CheckpointError) -> ModelReport {
        let format = try ModelFileReader.format(ofFileAt: path)
        let source = try ModelFileReader.open(path)
        let metadata = (source as? SafetensorsFile)?.metadata ?? (source as? TorchCheckpointFile)?.scalars ?? [:]
        var report = ModelReport(
            file: path, format: format, fileBytes: fileBytes, architecture: "", dtypes: [:], parameters: [:], metadata: metadata)
        for info in source.infos.values { report.dtypes[info.dtype.rawValue, default: 0] += 1 }

        if isLoRA(source) {
            report.architecture = "lora"
            report.lora = LoRASummarizer.summarize(source, metadata: metadata)
            report.parameters = ["lora": parameterCount(source.infos.values)]
        } else if isEmbedding(source) {
            let stem = String(path.split(separator: "/").last?.split(separator: ".").first ?? "")
            report.architecture = "embedding"
            report.embedding = embeddingSummary(source, scalars: metadata, stem: stem)
            report.parameters = ["embedding": parameterCount(source.infos.values)]
        } else {
            let canonical = try Canonicalizer.canonicalize(source)
            report.layout = Canonicalizer.layout(of: source.keys)
            if !canonical.has(CanonicalPrefix.unet + "input_blocks.0.0.weight"),
               canonical.has(CanonicalPrefix.vae + "encoder.conv_in.weight") {
                report.architecture = "vae"
                report.vae = try VAEDetector.detect(canonical)
            } else {
                let model = try ModelDetector.detect(canonical)
                report.architecture = model.architecture.rawValue
                report.prediction = model.prediction
                report.zeroTerminalSNR = model.zeroTerminalSNR
                report.latentScaleFactor = model.latentScaleFactor
                report.unet = model.unet
                report.textEncoders = model.textEncoders
                report.vae = model.vae
            }
            report.parameters = partParameters(canonical, encoders: report.textEncoders ?? [])
        }
        return report
    }

    static func isLoRA(_ source: any TensorSource) -> Bool {
        let matching = source.keys.filter { LoRATensorRole.split($0) != nil }.count
        return matching > 0 && matching * 2 >= source.infos.count
    }

    static func isEmbedding(_ source: any TensorSource) -> Bool {
        let keys = Set(source.keys)
        if keys.contains(where: { $0.hasPrefix("string_to_param.") }) || keys.contains("emb_params") { return true }
        return !keys.isEmpty && keys.isSubset(of: ["clip_l", "clip_g"])
    }

    /// Like `TextualInversion`, but a width no published encoder has is reported, not refused.
    static func embeddingSummary(_ source: any TensorSource, scalars: [String: String], stem: String) -> EmbeddingSummary {
        let published: [Int: String] = [768: "clip_l", 1024: "clip_h", 1280: "clip_g"]
        var widths: [String: Int] = [:], vectors = 0
        for (key, info) in source.infos {
            let width = info.shape.last ?? 0
            vectors = max(vectors, info.shape.count == 2 ? info.shape[0] : 1)
            widths[key == "clip_l" || key == "clip_g" ? key : published[width] ?? "unknown", default: 0] = width
        }
        return EmbeddingSummary(name: scalars["name"] ?? stem, vectors: vectors, widths: widths, step: scalars["step"].flatMap { Int($0) })
    }

    static func parameterCount(_ infos: some Sequence<TensorInfo>) -> Int {
        infos.reduce(0) { $0 + $1.elementCount }
    }

    static func partParameters(_ source: any TensorSource, encoders: [TextEncoder]) -> [String: Int] {
        var parts: [String: Int] = [:]
        for (key, info) in source.infos {
            let part: String
            if key.hasPrefix(CanonicalPrefix.unet) {
                part = "unet"
            } else if key.hasPrefix(CanonicalPrefix.vae) {
                part = "vae"
            } else if let encoder = encoders.first(where: { key.hasPrefix($0.prefix) }) {
                part = encoder.role.rawValue
            } else {
                part = "other"
            }
            parts[part, default: 0] += info.elementCount
        }
        return parts
    }
}

/// Describes a LoRA file from its key names alone.
enum LoRASummarizer {
    static func summarize(_ source: any TensorSource, metadata: [String: String]) -> LoRASummary {
        var modules: [String: Set<LoRATensorRole>] = [:], downKeys: [String: String] = [:]
        for key in source.keys {
            guard let (module, role) = LoRATensorRole.split(key) else { continue }
            modules[module, default: []].insert(role)
            if role == .down { downKeys[module] = key }
        }
        var forms: [String: Int] = [:], ranks = Set<Int>(), alphas = Set<Float>()
        var unet = 0, text = 0, sdxlKeys = false
        for (module, roles) in modules {
            let form = roles.contains(.down) ? "lora" : roles.contains(.hadaW1A) ? "loha"
                : roles.contains(.lokrW1) || roles.contains(.lokrW1A) ? "lokr" : "full"
            forms[form, default: 0] += 1
            if let down = downKeys[module], let rank = source.shape(down)?.first { ranks.insert(rank) }
            if source.has(module + ".alpha"), let alpha = try? source.tensor(module + ".alpha"), alpha.count == 1 {
                alphas.insert(alpha.floats()[0])
            }
            if module.hasPrefix("lora_te") || module.hasPrefix("text_encoder") { text += 1 } else { unet += 1 }
            if module.hasPrefix("lora_te2_") || module.hasPrefix("text_encoder_2.") || module.contains("add_embedding") { sdxlKeys = true }
        }
        return LoRASummary(
            modules: modules.count, forms: forms, ranks: ranks.sorted(), alphas: alphas.sorted(),
            unetModules: unet, textEncoderModules: text,
            baseHint: metadata["ss_base_model_version"] ?? (sdxlKeys ? "sdxl" : nil),
            usesDoRA: source.keys.contains { $0.hasSuffix(".dora_scale") })
    }
}
