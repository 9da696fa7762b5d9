import Checkpoint
import Foundation
import SDTesting
import Tensor

@testable import Diffusion

/// The LoRA parity fixtures (`tools/fixtures/lora/make_fixtures.py`): LoRA files for the
/// tiny SD1.5 preset over synthetic base weights, and the patched weights PyTorch computed
/// for each case (a list of files with UNet and text-encoder strengths).
struct LoRAFixtures {
    struct Manifest: Decodable {
        let cases: [String: Case]
    }

    struct Case: Decodable {
        let loras: [Entry]
        let keys: [String]
    }

    struct Entry: Decodable {
        let file: String
        let unet: Float
        let textEncoder: Float
    }

    static let model = ModelPreset.sd15Tiny.model
    let fixtures: FixtureSet
    let manifest: Manifest

    init() throws {
        fixtures = try FixtureSet(area: "lora", expectedVersion: 1)
        manifest = try fixtures.decodeManifest(as: Manifest.self)
    }

    /// The base checkpoint: every tensor of the tiny SD1.5 layout, synthetic as in the generator.
    static func base() throws -> SyntheticTensorSource {
        SyntheticTensorSource(fileName: "sd15-tiny.safetensors", shapes: try CheckpointLayout(model).shapes)
    }

    func file(_ name: String) throws -> LoRAFile {
        let source = try SafetensorsFile(path: fixtures.folder.appendingPathComponent(name + ".safetensors").path)
        return try LoRAFile(source: source, metadata: source.metadata, model: Self.model)
    }

    func testCase(_ name: String) throws -> Case {
        guard let found = manifest.cases[name] else { throw FixtureError.missingTensor(name: "case " + name, folder: fixtures.folder.path) }
        return found
    }

    /// The case's LoRAs as applications; `unetStrength`/`textEncoderStrength` override all strengths.
    func applications(_ name: String, unetStrength: Float? = nil, textEncoderStrength: Float? = nil) throws -> [LoRAApplication] {
        try testCase(name).loras.map { entry in
            LoRAApplication(
                identity: entry.file, file: try file(entry.file), unetStrength: unetStrength ?? entry.unet,
                textEncoderStrength: textEncoderStrength ?? entry.textEncoder)
        }
    }

    /// PyTorch's patched weights of a case, by canonical key.
    func referenceWeights(_ name: String) throws -> [String: Tensor] {
        var weights: [String: Tensor] = [:]
        for key in try testCase(name).keys { weights[key] = try fixtures.tensor(named: name + "/" + key) }
        return weights
    }
}

/// A source with some tensors replaced: the base model carrying PyTorch's patched weights.
struct OverlaySource: TensorSource {
    let base: any TensorSource
    let overrides: [String: Tensor]

    var fileName: String { base.fileName }
    var infos: [String: TensorInfo] { base.infos }

    func tensor(_ key: String) throws(CheckpointError) -> Tensor {
        if let tensor = overrides[key] { return tensor }
        return try base.tensor(key)
    }
}
