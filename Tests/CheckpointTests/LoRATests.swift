import Foundation
import Testing
import Tensor
@testable import Checkpoint

@Suite struct LoRATests {
    static let unet = CanonicalPrefix.unet

    @Test func generatedKohyaLoRAResolvesEveryModule() throws {
        for preset in [ModelPreset.sd15Tiny, .sdxlTiny, .sdxlRefinerTiny] {
            let dir = TestDirectory()
            let path = dir.path("lora.safetensors")
            try TestLoRAWriter.write(base: preset.model, to: path, seed: 5, rank: 4)
            let file = try SafetensorsFile(path: path)
            let lora = try LoRAFile(source: file, metadata: file.metadata, model: preset.model)
            #expect(lora.unmatchedModules.isEmpty, "\(preset): \(lora.unmatchedModules.prefix(3))")
            #expect(lora.unknownTensors.isEmpty)
            #expect(lora.patches.count == file.infos.count / 3)
            #expect(lora.patches.allSatisfy { $0.scale == 0.5 })
            #expect(lora.metadata["ss_network_dim"] == "4")
            let layout = try CheckpointLayout(preset.model)
            for patch in lora.patches {
                guard case let .lowRank(up, down, nil) = patch.delta else { Issue.record("not low rank"); continue }
                #expect([up.shape[0], down.shape[1]] == layout.shapes[patch.targetKey], "\(patch.targetKey)")
            }
        }
    }

    @Test func everyKeySchemeResolvesToTheCanonicalWeight() throws {
        let model = ModelPreset.sd15Tiny.model
        let resolver = try LoRAKeyResolver(model: model)
        let attn = "input_blocks.1.1.transformer_blocks.0."
        let cases: [(String, String)] = [
            ("lora_unet_input_blocks_1_1_transformer_blocks_0_attn1_to_q", Self.unet + attn + "attn1.to_q.weight"),
            ("lora_unet_down_blocks_0_attentions_0_transformer_blocks_0_attn2_to_k", Self.unet + attn + "attn2.to_k.weight"),
            ("lycoris_down_blocks_0_attentions_0_proj_in", Self.unet + "input_blocks.1.1.proj_in.weight"),
            ("unet.down_blocks.0.attentions.0.transformer_blocks.0.attn1.to_v", Self.unet + attn + "attn1.to_v.weight"),
            ("unet.down_blocks.0.attentions.0.transformer_blocks.0.attn1.processor.to_out", Self.unet + attn + "attn1.to_out.0.weight"),
            ("diffusion_model.middle_block.1.proj_out", Self.unet + "middle_block.1.proj_out.weight"),
            ("lora_unet_up_blocks_0_upsamplers_0_conv", Self.unet + "output_blocks.1.2.conv.weight"),
            ("lora_unet_down_blocks_0_resnets_0_conv1", Self.unet + "input_blocks.1.0.in_layers.2.weight"),
            ("lora_unet_time_embedding_linear_1", Self.unet + "time_embed.0.weight"),
            ("lora_te_text_model_encoder_layers_1_mlp_fc2", "cond_stage_model.transformer.text_model.encoder.layers.1.mlp.fc2.weight"),
            ("text_encoder.text_model.encoder.layers.0.self_attn.q_proj",
             "cond_stage_model.transformer.text_model.encoder.layers.0.self_attn.q_proj.weight"),
        ]
        for (module, target) in cases { #expect(resolver.target(for: module) == target, "\(module)") }
        #expect(resolver.target(for: "lora_unet_not_a_layer") == nil)

        let sdxl = try LoRAKeyResolver(model: ModelPreset.sdxlTiny.model)
        #expect(sdxl.target(for: "lora_te2_text_model_encoder_layers_0_self_attn_k_proj")
            == "conditioner.embedders.1.transformer.text_model.encoder.layers.0.self_attn.k_proj.weight")
        #expect(sdxl.target(for: "text_encoder_2.text_model.encoder.layers.1.mlp.fc1")
            == "conditioner.embedders.1.transformer.text_model.encoder.layers.1.mlp.fc1.weight")
        #expect(sdxl.target(for: "lora_te2_text_projection") == "conditioner.embedders.1.transformer.text_projection.weight")
        #expect(sdxl.target(for: "lora_unet_add_embedding_linear_1") == Self.unet + "label_emb.0.0.weight")
    }

    @Test func diffusersUNetNamesInvertTheRulesForPublishedLayouts() throws {
        for preset in [ModelPreset.sd15, .sdxl, .sdxlRefiner] {
            let model = preset.model
            let names = DiffusersUNetNames(config: model.unet)
            let canonical = try CheckpointLayout(model).keys.filter { $0.hasPrefix(Self.unet) }
            let diffusers = canonical.compactMap { names.diffusersName(String($0.dropFirst(Self.unet.count))) }
            #expect(diffusers.count == canonical.count)
            let rules = DiffusersUNetRules(keys: diffusers)
            for (key, name) in zip(canonical, diffusers) {
                #expect(rules.canonical(name).map { Self.unet + $0 } == key, "\(key) -> \(name)")
            }
        }
    }

    @Test func lycorisFormsAndPEFTBecomeTypedPatches() throws {
        let dir = TestDirectory()
        let path = dir.path("lyco.safetensors")
        let attn = "unet.down_blocks.0.attentions.0.transformer_blocks.0.attn2.to_k"
        try SafetensorsWriter.write(to: path, tensors: [
            attn + ".lora_A.weight": Tensor(zeros: [2, 32]),
            attn + ".lora_B.weight": Tensor(zeros: [32, 2]),
            "lora_unet_input_blocks_1_1_proj_in.hada_w1_a": Tensor(zeros: [32, 3]),
            "lora_unet_input_blocks_1_1_proj_in.hada_w1_b": Tensor(zeros: [3, 32]),
            "lora_unet_input_blocks_1_1_proj_in.hada_w2_a": Tensor(zeros: [32, 3]),
            "lora_unet_input_blocks_1_1_proj_in.hada_w2_b": Tensor(zeros: [3, 32]),
            "lora_unet_input_blocks_1_1_proj_in.alpha": Tensor(shape: [], values: [1.5]),
            "lycoris_mid_block_attentions_0_proj_out.lokr_w1": Tensor(zeros: [4, 4]),
            "lycoris_mid_block_attentions_0_proj_out.lokr_w2_a": Tensor(zeros: [16, 2]),
            "lycoris_mid_block_attentions_0_proj_out.lokr_w2_b": Tensor(zeros: [2, 16]),
            "lycoris_mid_block_attentions_0_proj_out.alpha": Tensor(shape: [], values: [1]),
            "lora_unet_nowhere.lora_down.weight": Tensor(zeros: [1, 1]),
            "lora_unet_nowhere.lora_up.weight": Tensor(zeros: [1, 1]),
            "something.oft_blocks": Tensor(zeros: [1]),
        ])
        let lora = try LoRAFile(source: try SafetensorsFile(path: path), model: ModelPreset.sd15Tiny.model)
        let byTarget = Dictionary(uniqueKeysWithValues: lora.patches.map { ($0.targetKey, $0) })
        let peft = try #require(byTarget[Self.unet + "input_blocks.1.1.transformer_blocks.0.attn2.to_k.weight"])
        guard case .lowRank = peft.delta else { Issue.record("PEFT pair is not low rank"); return }
        #expect(peft.scale == 1)
        let loha = try #require(byTarget[Self.unet + "input_blocks.1.1.proj_in.weight"])
        guard case .hadamard = loha.delta else { Issue.record("LoHa not recognised"); return }
        #expect(loha.scale == 0.5)
        let lokr = try #require(byTarget[Self.unet + "middle_block.1.proj_out.weight"])
        guard case .kronecker(.full, .lowRank, nil) = lokr.delta else { Issue.record("LoKr not recognised"); return }
        #expect(lokr.scale == 0.5)
        #expect(lora.unmatchedModules == ["lora_unet_nowhere"])
        #expect(lora.unknownTensors == ["something.oft_blocks"])
    }

    @Test func doraIsReportedAsUnsupported() throws {
        let dir = TestDirectory()
        let path = dir.path("dora.safetensors")
        let module = "lora_unet_input_blocks_1_1_proj_in"
        try SafetensorsWriter.write(to: path, tensors: [
            module + ".lora_down.weight": Tensor(zeros: [2, 32, 1, 1]), module + ".lora_up.weight": Tensor(zeros: [32, 2, 1, 1]),
            module + ".dora_scale": Tensor(zeros: [32, 1, 1, 1]),
        ])
        #expect {
            try LoRAFile(source: try SafetensorsFile(path: path), model: ModelPreset.sd15Tiny.model)
        } throws: { "\($0)".contains("DoRA") }
    }
}
