import Foundation
import Testing
import Tensor
@testable import Checkpoint

@Suite struct LoadedCheckpointTests {
    @Test func standaloneVAEReplacesTheCheckpointsVAE() throws {
        let dir = TestDirectory()
        let checkpoint = dir.path("model.safetensors"), other = dir.path("other.safetensors"), vae = dir.path("vae.safetensors")
        try TestModelWriter.write(.sd15Tiny, to: checkpoint, seed: 1)
        try TestModelWriter.write(.sd15Tiny, to: other, seed: 2)
        let donor = try SafetensorsFile(path: other)
        var vaeTensors: [String: Tensor] = [:]
        for key in donor.keys where key.hasPrefix("first_stage_model.") {
            vaeTensors[String(key.dropFirst("first_stage_model.".count))] = try donor.tensor(key)
        }
        try SafetensorsWriter.write(to: vae, tensors: vaeTensors)

        let loaded = try LoadedCheckpoint.open(checkpoint)
        #expect(loaded.model == ModelPreset.sd15Tiny.model)
        let swapped = try loaded.replacingVAE(with: vae)
        let key = "first_stage_model.decoder.conv_out.weight"
        #expect(try swapped.weights.tensor(key).floats() == donor.tensor(key).floats())
        #expect(try swapped.weights.tensor(key).floats() != loaded.weights.tensor(key).floats())
        let unet = "model.diffusion_model.out.2.weight"
        #expect(try swapped.weights.tensor(unet).floats() == loaded.weights.tensor(unet).floats())
        #expect(Set(swapped.weights.keys) == Set(loaded.weights.keys))

        let wider = VAEConfig(inChannels: 3, outChannels: 3, baseChannels: 64, channelMult: [1, 2], numResBlocks: 1,
                              latentChannels: 4, embedDim: 4)
        let wrong = dir.path("wide-vae.safetensors")
        let planned = try CheckpointLayout(unet: nil, textEncoders: [], vae: wider).shapes.mapValues { TensorInfo(dtype: .f16, shape: $0) }
        try SafetensorsWriter.write(to: wrong, planned: planned) { _, _, buffer in buffer.initializeMemory(as: UInt8.self, repeating: 0) }
        #expect(throws: CheckpointError.self) { try loaded.replacingVAE(with: wrong) }
    }

    @Test func sgmStyleSD2KeepsItsEncoderAtTheFirstEmbedder() throws {
        let model = ModelPreset.sd2vTiny.model
        var shapes: [String: [Int]] = [:]
        for (key, shape) in try CheckpointLayout(model).shapes {
            shapes[key.replacingOccurrences(of: CanonicalPrefix.singleTextEncoder, with: CanonicalPrefix.embedder(0))] = shape
        }
        let detected = try ModelDetector.detect(ShapeOnlySource(name: "sgm", shapes: shapes))
        #expect(detected.textEncoders.map(\.prefix) == [CanonicalPrefix.embedder(0)])
        #expect(detected.textEncoders.first?.config == model.textEncoders.first?.config)
    }
}
