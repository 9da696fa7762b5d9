/// Named model shapes: the published full-size configs and tiny variants in the same layouts
/// (small widths, one ResBlock per level, the real CLIP vocabulary) for tests and smoke runs.
public enum ModelPreset: String, Sendable, CaseIterable {
    case sd15, sd15Inpaint = "sd15-inpaint", sd21V = "sd21-v", sdxl, sdxlRefiner = "sdxl-refiner"
    case sd15Tiny = "sd15-tiny", sd15InpaintTiny = "sd15-inpaint-tiny", sd2vTiny = "sd2v-tiny"
    case sdxlTiny = "sdxl-tiny", sdxlRefinerTiny = "sdxl-refiner-tiny"

    public var model: DetectedModel {
        switch self {
        case .sd15: Self.sd1(Self.sd1UNet(inChannels: 4), arch: .sd1)
        case .sd15Inpaint: Self.sd1(Self.sd1UNet(inChannels: 9), arch: .sd1Inpaint)
        case .sd21V:
            DetectedModel(
                architecture: .sd2V, prediction: .v,
                unet: UNetConfig(
                    inChannels: 4, outChannels: 4, modelChannels: 320, channelMult: [1, 2, 4, 4], numResBlocks: [2, 2, 2, 2],
                    transformerDepth: [1, 1, 1, 1, 1, 1, 0, 0], transformerDepthMiddle: 1,
                    transformerDepthOutput: [0, 0, 0] + Array(repeating: 1, count: 9), contextDim: 1024,
                    useLinearProjection: true, admInChannels: nil, attentionHeads: .headDim(64)),
                textEncoders: [Self.encoder(.clipH, CanonicalPrefix.singleTextEncoder, layers: 24, width: 1024, projection: 1024)],
                vae: Self.fullVAE)
        case .sdxl:
            DetectedModel(
                architecture: .sdxl, prediction: .epsilon,
                unet: UNetConfig(
                    inChannels: 4, outChannels: 4, modelChannels: 320, channelMult: [1, 2, 4], numResBlocks: [2, 2, 2],
                    transformerDepth: [0, 0, 2, 2, 10, 10], transformerDepthMiddle: 10,
                    transformerDepthOutput: [10, 10, 10, 2, 2, 2, 0, 0, 0], contextDim: 2048,
                    useLinearProjection: true, admInChannels: 2816, attentionHeads: .headDim(64)),
                textEncoders: [
                    Self.encoder(.clipL, CanonicalPrefix.embedder(0), layers: 12, width: 768, projection: nil),
                    Self.encoder(.clipG, CanonicalPrefix.embedder(1), layers: 32, width: 1280, projection: 1280),
                ],
                vae: Self.fullVAE)
        case .sdxlRefiner:
            DetectedModel(
                architecture: .sdxlRefiner, prediction: .epsilon,
                unet: UNetConfig(
                    inChannels: 4, outChannels: 4, modelChannels: 384, channelMult: [1, 2, 4, 4], numResBlocks: [2, 2, 2, 2],
                    transformerDepth: [0, 0, 4, 4, 4, 4, 0, 0], transformerDepthMiddle: 4,
                    transformerDepthOutput: [0, 0, 0, 4, 4, 4, 4, 4, 4, 0, 0, 0], contextDim: 1280,
                    useLinearProjection: true, admInChannels: 2560, attentionHeads: .headDim(64)),
                textEncoders: [Self.encoder(.clipG, CanonicalPrefix.embedder(0), layers: 32, width: 1280, projection: 1280)],
                vae: Self.fullVAE)
        case .sd15Tiny: Self.sd1(Self.tinyUNet(inChannels: 4, channels: 32, depth: [1, 1], output: [1, 1, 1, 1], context: 32,
                                               linear: false, adm: nil), arch: .sd1, tiny: true)
        case .sd15InpaintTiny: Self.sd1(Self.tinyUNet(inChannels: 9, channels: 32, depth: [1, 1], output: [1, 1, 1, 1], context: 32,
                                                      linear: false, adm: nil), arch: .sd1Inpaint, tiny: true)
        case .sd2vTiny:
            DetectedModel(
                architecture: .sd2V, prediction: .v,
                unet: Self.tinyUNet(inChannels: 4, channels: 32, depth: [1, 1], output: [1, 1, 1, 1], context: 32, linear: true, adm: nil),
                textEncoders: [Self.encoder(.clipH, CanonicalPrefix.singleTextEncoder, layers: 2, width: 32, projection: 32)],
                vae: Self.tinyVAE)
        case .sdxlTiny:
            DetectedModel(
                architecture: .sdxl, prediction: .epsilon,
                unet: Self.tinyUNet(inChannels: 4, channels: 32, depth: [0, 2], output: [2, 2, 0, 0], context: 64,
                                    linear: true, adm: 32 + 6 * 256),
                textEncoders: [
                    Self.encoder(.clipL, CanonicalPrefix.embedder(0), layers: 2, width: 32, projection: nil),
                    Self.encoder(.clipG, CanonicalPrefix.embedder(1), layers: 2, width: 32, projection: 32),
                ],
                vae: Self.tinyVAE)
        case .sdxlRefinerTiny:
            DetectedModel(
                architecture: .sdxlRefiner, prediction: .epsilon,
                unet: Self.tinyUNet(inChannels: 4, channels: 32, depth: [0, 1], output: [1, 1, 0, 0], context: 32,
                                    linear: true, adm: 32 + 5 * 256),
                textEncoders: [Self.encoder(.clipG, CanonicalPrefix.embedder(0), layers: 2, width: 32, projection: 32)],
                vae: Self.tinyVAE)
        }
    }

    public var isTiny: Bool { rawValue.hasSuffix("-tiny") }

    private static func sd1UNet(inChannels: Int) -> UNetConfig {
        UNetConfig(
            inChannels: inChannels, outChannels: 4, modelChannels: 320, channelMult: [1, 2, 4, 4], numResBlocks: [2, 2, 2, 2],
            transformerDepth: [1, 1, 1, 1, 1, 1, 0, 0], transformerDepthMiddle: 1,
            transformerDepthOutput: [0, 0, 0] + Array(repeating: 1, count: 9), contextDim: 768,
            useLinearProjection: false, admInChannels: nil, attentionHeads: .count(8))
    }

    private static func sd1(_ unet: UNetConfig, arch: ModelArchitecture, tiny: Bool = false) -> DetectedModel {
        DetectedModel(
            architecture: arch, prediction: .epsilon, unet: unet,
            textEncoders: [tiny
                ? encoder(.clipL, CanonicalPrefix.singleTextEncoder, layers: 2, width: 32, projection: nil)
                : encoder(.clipL, CanonicalPrefix.singleTextEncoder, layers: 12, width: 768, projection: nil)],
            vae: tiny ? tinyVAE : fullVAE)
    }

    /// Two levels, one ResBlock each.
    private static func tinyUNet(
        inChannels: Int, channels: Int, depth: [Int], output: [Int], context: Int, linear: Bool, adm: Int?
    ) -> UNetConfig {
        UNetConfig(
            inChannels: inChannels, outChannels: 4, modelChannels: channels, channelMult: [1, 2], numResBlocks: [1, 1],
            transformerDepth: depth, transformerDepthMiddle: 1, transformerDepthOutput: output, contextDim: context,
            useLinearProjection: linear, admInChannels: adm, attentionHeads: linear ? .headDim(64) : .count(8))
    }

    /// Published CLIP text encoders have 4× MLPs, 77 positions and the 49408-token vocabulary.
    private static func encoder(_ role: TextEncoderRole, _ prefix: String, layers: Int, width: Int, projection: Int?) -> TextEncoder {
        TextEncoder(role: role, prefix: prefix, config: CLIPConfig(
            layers: layers, width: width, heads: CLIPConfig.conventionalHeads(width: width), intermediateSize: 4 * width,
            vocabSize: 49408, maxPositions: 77, projectionDim: projection, activation: role.activation))
    }

    private static let fullVAE = VAEConfig(
        inChannels: 3, outChannels: 3, baseChannels: 128, channelMult: [1, 2, 4, 4], numResBlocks: 2, latentChannels: 4, embedDim: 4)
    private static let tinyVAE = VAEConfig(
        inChannels: 3, outChannels: 3, baseChannels: 32, channelMult: [1, 2], numResBlocks: 1, latentChannels: 4, embedDim: 4)
}
