import Foundation
import Testing
import Tensor
@testable import Checkpoint

@Suite struct InspectorTests {
    @Test func pytorchMadeSD2VCheckpointDetectsThroughTheRestrictedUnpickler() throws {
        let data = try Data(contentsOf: PyTorchFixtures.directory.appendingPathComponent("manifest-ckpt.json"))
        let expected = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        guard expected["format_version"] as? Int == 1 else {
            throw FixtureError(message: "manifest-ckpt.json has another format; rerun tools/fixtures/checkpoint/tiny_ckpt.py")
        }
        let file = try TorchCheckpointFile(path: PyTorchFixtures.path("sd2v-tiny.ckpt"))
        #expect(file.infos.count == expected["tensors"] as? Int)
        let canonical = try Canonicalizer.canonicalize(file)
        let model = try ModelDetector.detect(canonical)
        #expect(model.architecture.rawValue == expected["architecture"] as? String)
        let unet = try #require(expected["unet"] as? [String: Any])
        #expect(model.unet.modelChannels == unet["modelChannels"] as? Int)
        #expect(model.unet.channelMult == unet["channelMult"] as? [Int])
        #expect(model.unet.transformerDepth == unet["transformerDepth"] as? [Int])
        #expect(model.unet.transformerDepthOutput == unet["transformerDepthOutput"] as? [Int])
        #expect(model.unet.contextDim == unet["contextDim"] as? Int)
        let clip = try #require(expected["clip"] as? [String: Any])
        let encoder = try #require(model.textEncoders.first)
        #expect(encoder.role == .clipH)
        #expect(encoder.config.layers == clip["layers"] as? Int)
        #expect(encoder.config.vocabSize == clip["vocabSize"] as? Int)
        #expect(encoder.config.projectionDim == clip["projectionDim"] as? Int)
        #expect(model.vae?.channelMult == (expected["vae"] as? [String: Any])?["channelMult"] as? [Int])
        // The fused in_proj becomes q/k/v views; k's first row is in_proj row `width`.
        let kRow = (expected["k_proj_first_row"] as? [Double] ?? []).map(Float.init)
        let k = try canonical.tensor("cond_stage_model.transformer.text_model.encoder.layers.0.self_attn.k_proj.weight")
        #expect(Array(k.floats().prefix(kRow.count)) == kRow)
        #expect(try CheckpointLayout(model).shapes == canonical.infos.mapValues(\.shape))
    }

    @Test func inspectorNamesEachKindOfFile() throws {
        let dir = TestDirectory()
        let checkpoint = dir.path("xl.safetensors"), lora = dir.path("lora.safetensors"), vae = dir.path("vae.safetensors")
        try TestModelWriter.write(.sdxlTiny, to: checkpoint, seed: 1)
        try TestLoRAWriter.write(base: ModelPreset.sdxlTiny.model, to: lora, seed: 1)
        let source = try SafetensorsFile(path: checkpoint)
        let vaeTensors = try source.keys.filter { $0.hasPrefix("first_stage_model.") }
            .reduce(into: [String: Tensor]()) { $0[String($1.dropFirst("first_stage_model.".count))] = try source.tensor($1) }
        try SafetensorsWriter.write(to: vae, tensors: vaeTensors)

        let model = try ModelInspector.inspect(path: checkpoint, fileBytes: 0)
        #expect(model.architecture == "sdxl")
        #expect(model.prediction == .epsilon)
        #expect(model.latentScaleFactor == 0.13025)
        #expect(Set(model.parameters.keys) == ["unet", "vae", "clip_l", "clip_g"])
        #expect(model.dtypes.keys.sorted() == ["F16"])

        let adapter = try ModelInspector.inspect(path: lora, fileBytes: 0)
        #expect(adapter.architecture == "lora")
        #expect(adapter.lora?.baseHint == "sdxl")
        #expect(adapter.lora?.ranks == [4])
        #expect(adapter.lora?.textEncoderModules == 24)

        let decoder = try ModelInspector.inspect(path: vae, fileBytes: 0)
        #expect(decoder.architecture == "vae")
        #expect(decoder.layout == .standaloneVAE)
        #expect(decoder.vae == ModelPreset.sdxlTiny.model.vae)

        let embedding = try ModelInspector.inspect(path: PyTorchFixtures.path("embedding-sd1.pt"), fileBytes: 0)
        #expect(embedding.architecture == "embedding")
        #expect(embedding.embedding?.vectors == 2)

        #expect(throws: CheckpointError.self) { try ModelInspector.inspect(path: PyTorchFixtures.path("malicious.pt"), fileBytes: 0) }
    }
}
