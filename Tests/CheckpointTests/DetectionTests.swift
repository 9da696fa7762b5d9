import Testing
import Tensor
@testable import Checkpoint

@Suite struct DetectionTests {
    static let published: [(file: String, preset: ModelPreset)] = [
        ("sd15", .sd15), ("sd15-inpaint", .sd15Inpaint), ("sd21-v", .sd21V), ("sdxl", .sdxl), ("sdxl-refiner", .sdxlRefiner),
    ]
    /// SD2 v-prediction checkpoints have a wide spread in this bias (engine notes §1.4).
    static let sd2VBiasKey = "model.diffusion_model.output_blocks.11.1.transformer_blocks.0.norm1.bias"
    static let wideBias = (0..<320).map { Float($0 % 2 == 0 ? 0.2 : -0.2) }

    @Test(arguments: published)
    func publishedLayoutsDetectAsTheirPublishedConfigs(file: String, preset: ModelPreset) throws {
        let values = preset == .sd21V ? [Self.sd2VBiasKey: Self.wideBias] : [:]
        let source = ShapeOnlySource(name: file, shapes: try PublishedLayouts.shapes(file), values: values)
        let detected = try ModelDetector.detect(try Canonicalizer.canonicalize(source))
        #expect(detected == preset.model)
    }

    @Test(arguments: published)
    func canonicalLayoutMatchesPublishedFiles(file: String, preset: ModelPreset) throws {
        let canonical = try Canonicalizer.canonicalize(ShapeOnlySource(name: file, shapes: try PublishedLayouts.shapes(file)))
        let expected = try CheckpointLayout(preset.model).shapes
        let got = canonical.infos.mapValues(\.shape)
        #expect(got == expected, "\(layoutDifference(got, expected))")
    }

    @Test(arguments: [("diffusers-sd15", ModelPreset.sd15), ("diffusers-sdxl", .sdxl)])
    func diffusersPipelinesMapOntoTheCanonicalLayout(file: String, preset: ModelPreset) throws {
        let source = ShapeOnlySource(name: file, shapes: try PublishedLayouts.shapes(file))
        #expect(Canonicalizer.layout(of: source.keys) == .diffusers)
        let canonical = try Canonicalizer.canonicalize(source)
        let expected = try CheckpointLayout(preset.model).shapes
        let got = canonical.infos.mapValues(\.shape)
        #expect(got == expected, "\(layoutDifference(got, expected))")
        #expect(try ModelDetector.detect(canonical) == preset.model)
    }

    @Test func sd2WithNarrowBiasIsEpsilon() throws {
        let source = ShapeOnlySource(name: "sd21", shapes: try PublishedLayouts.shapes("sd21-v"),
                                     values: [Self.sd2VBiasKey: Array(repeating: 0.01, count: 320)])
        let detected = try ModelDetector.detect(try Canonicalizer.canonicalize(source))
        #expect(detected.architecture == .sd2)
        #expect(detected.prediction == .epsilon)
    }

    @Test(arguments: ModelPreset.allCases.filter(\.isTiny))
    func tinyPresetsDetectThroughTheSamePath(preset: ModelPreset) throws {
        let model = preset.model
        let layout = try CheckpointLayout(model)
        let lastOutput = model.unet.transformerDepthOutput.count - 1
        let biasKey = "model.diffusion_model.output_blocks.\(lastOutput).1.transformer_blocks.0.norm1.bias"
        let width = layout.shapes[biasKey]?.first ?? 0
        let values = model.prediction == .v ? [biasKey: (0..<width).map { Float($0 % 2 == 0 ? 0.2 : -0.2) }] : [:]
        let detected = try ModelDetector.detect(ShapeOnlySource(name: preset.rawValue, shapes: layout.shapes, values: values))
        #expect(detected == model)
    }

    @Test func sdxlFamilyRuleSeparatesBaseAndRefiner() {
        #expect(ModelDetector.family(of: ModelPreset.sdxl.model.unet) == .sdxl)
        #expect(ModelDetector.family(of: ModelPreset.sdxlRefiner.model.unet) == .sdxlRefiner)
        #expect(ModelDetector.family(of: ModelPreset.sdxlTiny.model.unet) == .sdxl)
        #expect(ModelDetector.family(of: ModelPreset.sdxlRefinerTiny.model.unet) == .sdxlRefiner)
    }

    @Test(arguments: [
        ("model.diffusion_model.joint_blocks.0.x_block.attn.qkv.weight", "Stable Diffusion 3"),
        ("double_blocks.0.img_attn.qkv.weight", "Flux"),
        ("lm_head.weight", "no Stable Diffusion UNet"),
    ])
    func foreignArchitecturesAreNamed(key: String, name: String) throws {
        let source = ShapeOnlySource(name: "other.safetensors", shapes: [key: [4, 4]])
        #expect {
            try ModelDetector.detect(source)
        } throws: { error in
            guard case let CheckpointError.unsupportedArchitecture(file, found) = error else { return false }
            return file == "other.safetensors" && found.contains(name)
        }
    }

    @Test func instructPix2PixIsRejectedByName() throws {
        var shapes = try CheckpointLayout(ModelPreset.sd15Tiny.model).shapes
        shapes["model.diffusion_model.input_blocks.0.0.weight"] = [32, 8, 3, 3]
        #expect {
            try ModelDetector.detect(ShapeOnlySource(name: "ip2p", shapes: shapes))
        } throws: { "\($0)".contains("InstructPix2Pix") }
    }

    @Test func malformedShapesAreErrorsNotCrashes() throws {
        var shapes = try CheckpointLayout(ModelPreset.sd15Tiny.model).shapes
        shapes["model.diffusion_model.input_blocks.0.0.weight"] = [32]
        #expect(throws: CheckpointError.self) { try ModelDetector.detect(ShapeOnlySource(name: "bad", shapes: shapes)) }
        shapes["model.diffusion_model.input_blocks.0.0.weight"] = [0, 4, 3, 3]
        #expect(throws: CheckpointError.self) { try ModelDetector.detect(ShapeOnlySource(name: "bad", shapes: shapes)) }
    }
}
