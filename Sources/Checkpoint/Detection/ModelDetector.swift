import Tensor

/// Recognises a checkpoint from the names and shapes of its canonical tensors.
///
/// Family rule (never from the file name): no vector conditioning (`label_emb`) and 1x1-conv
/// transformer projections → SD1; no vector conditioning and linear projections → SD2; with
/// vector conditioning, the refiner's is pooled width + 5×256 where the pooled width equals the
/// context width (one bigG encoder), anything else is SDXL base. 9 input channels → inpainting.
public enum ModelDetector {
    /// Population std above which an SD2 UNet is v-prediction (engine notes §1.4).
    static let vPredictionStdThreshold: Float = 0.09

    public static func detect(_ source: any TensorSource) throws(CheckpointError) -> DetectedModel {
        try rejectForeignArchitectures(source)
        let unet = try UNetDetector.detect(source)
        let family = family(of: unet)
        let inpaint: Bool
        switch unet.inChannels {
        case 4: inpaint = false
        case 9: inpaint = true
        case 8: throw .unsupportedArchitecture(file: source.fileName, found: "an InstructPix2Pix UNet (8 input channels)")
        default: throw .unsupportedArchitecture(file: source.fileName, found: "a UNet with \(unet.inChannels) input channels")
        }
        var encoders: [TextEncoder] = []
        for slot in family.textEncoderSlots where source.has(slot.prefix + "text_model.embeddings.token_embedding.weight") {
            let config = try CLIPDetector.detect(source, prefix: slot.prefix, role: slot.role)
            encoders.append(TextEncoder(role: slot.role, prefix: slot.prefix, config: config))
        }
        let vae = source.has(CanonicalPrefix.vae + "encoder.conv_in.weight") ? try VAEDetector.detect(source) : nil
        let prediction = try predictionType(source, family: family, unet: unet, inpaint: inpaint)
        return DetectedModel(
            architecture: architecture(family: family, inpaint: inpaint, prediction: prediction),
            prediction: prediction,
            zeroTerminalSNR: family == .sdxl && source.has("ztsnr"),
            unet: unet, textEncoders: encoders, vae: vae)
    }

    static func family(of unet: UNetConfig) -> ModelFamily {
        guard let adm = unet.admInChannels else { return unet.useLinearProjection ? .sd2 : .sd1 }
        return adm - 5 * 256 == unet.contextDim ? .sdxlRefiner : .sdxl
    }

    static func architecture(family: ModelFamily, inpaint: Bool, prediction: PredictionType) -> ModelArchitecture {
        switch family {
        case .sd1: inpaint ? .sd1Inpaint : .sd1
        case .sd2: inpaint ? .sd2Inpaint : (prediction == .v ? .sd2V : .sd2)
        case .sdxl: inpaint ? .sdxlInpaint : .sdxl
        case .sdxlRefiner: .sdxlRefiner
        }
    }

    /// SD1: always ε. SD2 (4 channels): v when the last output block's first transformer
    /// `norm1.bias` has population std > 0.09, else ε; when that tensor is absent or not
    /// readable the default is ε. SD2 inpainting: ε. SDXL: v only with a `v_pred` key.
    static func predictionType(
        _ source: any TensorSource, family: ModelFamily, unet: UNetConfig, inpaint: Bool
    ) throws(CheckpointError) -> PredictionType {
        switch family {
        case .sd1, .sdxlRefiner: return .epsilon
        case .sdxl: return source.has("v_pred") ? .v : .epsilon
        case .sd2:
            guard !inpaint else { return .epsilon }
            let key = CanonicalPrefix.unet + "output_blocks.\(unet.transformerDepthOutput.count - 1).1.transformer_blocks.0.norm1.bias"
            guard source.has(key), let bias = try? source.tensor(key) else { return .epsilon }
            return populationStd(bias.floats()) > vPredictionStdThreshold ? .v : .epsilon
        }
    }

    static func populationStd(_ values: [Float]) -> Float {
        guard !values.isEmpty else { return 0 }
        let mean = values.reduce(0, +) / Float(values.count)
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Float(values.count)
        return variance.squareRoot()
    }

    /// Known non-SD layouts, named so the user learns what they have.
    static let foreignMarkers: [(keyPrefix: String, name: String)] = [
        ("model.diffusion_model.joint_blocks.", "a Stable Diffusion 3 MMDiT (joint_blocks)"),
        ("model.diffusion_model.double_blocks.", "a Flux transformer (double_blocks)"),
        ("double_blocks.", "a Flux transformer (double_blocks)"),
        ("joint_blocks.", "a Stable Diffusion 3 MMDiT (joint_blocks)"),
        ("model.diffusion_model.x_embedder.", "a DiT-style transformer (x_embedder: PixArt, Hunyuan-DiT, …)"),
        ("model.diffusion_model.input_blocks.0.0.time_stack.", "a Stable Video Diffusion UNet (time_stack)"),
        ("edm_mean", "Playground v2.5 (EDM latent statistics)"),
    ]

    static func rejectForeignArchitectures(_ source: any TensorSource) throws(CheckpointError) {
        for marker in foreignMarkers where source.keys.contains(where: { $0.hasPrefix(marker.keyPrefix) }) {
            throw .unsupportedArchitecture(file: source.fileName, found: "found \(marker.name)")
        }
        guard source.has(CanonicalPrefix.unet + "input_blocks.0.0.weight") else {
            let roots = Set(source.keys.map { $0.split(separator: ".").prefix(2).joined(separator: ".") }).sorted().prefix(5)
            throw .unsupportedArchitecture(
                file: source.fileName,
                found: "no Stable Diffusion UNet found (no '\(CanonicalPrefix.unet)input_blocks.0.0.weight'; top-level keys: \(roots.joined(separator: ", ")))")
        }
    }
}
