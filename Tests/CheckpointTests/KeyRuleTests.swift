import Testing
import Tensor
@testable import Checkpoint

@Suite struct KeyRuleTests {
    @Test func fusedInProjectionSplitsIntoQKVViews() throws {
        let dir = TestDirectory()
        let path = dir.path("openclip.safetensors")
        let p = "cond_stage_model.model."
        try SafetensorsWriter.write(to: path, tensors: [
            p + "transformer.resblocks.0.attn.in_proj_weight": Tensor(shape: [6, 2], values: (0..<12).map(Float.init)),
            p + "transformer.resblocks.0.attn.in_proj_bias": Tensor(shape: [6], values: [0, 1, 2, 3, 4, 5]),
            p + "text_projection": Tensor(shape: [2, 3], values: [1, 2, 3, 4, 5, 6]),
            p + "logit_scale": Tensor(shape: [], values: [4.6]),
            p + "token_embedding.weight": Tensor(zeros: [5, 2]),
        ])
        let file = try SafetensorsFile(path: path)
        let canonical = try Canonicalizer.canonicalize(file)
        let layer = "cond_stage_model.transformer.text_model.encoder.layers.0.self_attn."
        #expect(try canonical.tensor(layer + "q_proj.weight").floats() == [0, 1, 2, 3])
        #expect(try canonical.tensor(layer + "k_proj.weight").floats() == [4, 5, 6, 7])
        #expect(try canonical.tensor(layer + "v_proj.weight").floats() == [8, 9, 10, 11])
        #expect(try canonical.tensor(layer + "v_proj.bias").floats() == [4, 5])
        #expect(try canonical.tensor(layer + "k_proj.weight").storage === file.tensor(p + "text_projection").storage)
        let projection = try canonical.tensor("cond_stage_model.transformer.text_projection.weight")
        #expect(projection.shape == [3, 2])
        #expect(projection.floats() == [1, 4, 2, 5, 3, 6])
        #expect(!canonical.has(p + "logit_scale") && !canonical.has("cond_stage_model.transformer.logit_scale"))
    }

    @Test(arguments: [
        ("token_embedding.weight", "text_model.embeddings.token_embedding.weight"),
        ("positional_embedding", "text_model.embeddings.position_embedding.weight"),
        ("ln_final.bias", "text_model.final_layer_norm.bias"),
        ("transformer.resblocks.7.ln_1.weight", "text_model.encoder.layers.7.layer_norm1.weight"),
        ("transformer.resblocks.7.ln_2.bias", "text_model.encoder.layers.7.layer_norm2.bias"),
        ("transformer.resblocks.7.mlp.c_fc.weight", "text_model.encoder.layers.7.mlp.fc1.weight"),
        ("transformer.resblocks.7.mlp.c_proj.bias", "text_model.encoder.layers.7.mlp.fc2.bias"),
        ("transformer.resblocks.7.attn.out_proj.weight", "text_model.encoder.layers.7.self_attn.out_proj.weight"),
    ])
    func openCLIPRenames(from: String, to: String) {
        #expect(OpenCLIPRules.canonical(from)?.map(\.key) == [to])
    }

    @Test(arguments: [
        ("conv_in.weight", "input_blocks.0.0.weight"),
        ("time_embedding.linear_2.bias", "time_embed.2.bias"),
        ("add_embedding.linear_1.weight", "label_emb.0.0.weight"),
        ("down_blocks.1.resnets.1.conv_shortcut.weight", "input_blocks.5.0.skip_connection.weight"),
        ("down_blocks.1.resnets.0.time_emb_proj.weight", "input_blocks.4.0.emb_layers.1.weight"),
        ("down_blocks.2.attentions.1.proj_in.weight", "input_blocks.8.1.proj_in.weight"),
        ("down_blocks.0.downsamplers.0.conv.bias", "input_blocks.3.0.op.bias"),
        ("mid_block.resnets.1.norm2.weight", "middle_block.2.out_layers.0.weight"),
        ("mid_block.attentions.0.transformer_blocks.0.attn2.to_k.weight", "middle_block.1.transformer_blocks.0.attn2.to_k.weight"),
        ("up_blocks.0.upsamplers.0.conv.weight", "output_blocks.2.1.conv.weight"),
        ("up_blocks.1.upsamplers.0.conv.weight", "output_blocks.5.2.conv.weight"),
        ("up_blocks.3.resnets.2.conv1.weight", "output_blocks.11.0.in_layers.2.weight"),
        ("up_blocks.3.attentions.2.norm.bias", "output_blocks.11.1.norm.bias"),
        ("conv_norm_out.weight", "out.0.weight"),
    ])
    func diffusersUNetRenames(from: String, to: String) {
        let keys = ["down_blocks.0.resnets.0.conv1.weight", "down_blocks.0.resnets.1.conv1.weight",
                    "up_blocks.1.attentions.0.norm.weight", "mid_block.attentions.0.norm.weight"]
        #expect(DiffusersUNetRules(keys: keys).canonical(from) == to)
    }

    @Test(arguments: [
        ("encoder.down_blocks.1.resnets.0.conv_shortcut.weight", "encoder.down.1.block.0.nin_shortcut.weight"),
        ("encoder.down_blocks.0.downsamplers.0.conv.weight", "encoder.down.0.downsample.conv.weight"),
        ("decoder.up_blocks.0.resnets.2.norm1.bias", "decoder.up.3.block.2.norm1.bias"),
        ("decoder.up_blocks.2.upsamplers.0.conv.weight", "decoder.up.1.upsample.conv.weight"),
        ("encoder.mid_block.resnets.1.conv2.weight", "encoder.mid.block_2.conv2.weight"),
        ("decoder.mid_block.attentions.0.group_norm.weight", "decoder.mid.attn_1.norm.weight"),
        ("encoder.mid_block.attentions.0.to_q.weight", "encoder.mid.attn_1.q.weight"),
        ("encoder.mid_block.attentions.0.query.bias", "encoder.mid.attn_1.q.bias"),
        ("decoder.mid_block.attentions.0.proj_attn.weight", "decoder.mid.attn_1.proj_out.weight"),
        ("decoder.conv_norm_out.bias", "decoder.norm_out.bias"),
        ("post_quant_conv.weight", "post_quant_conv.weight"),
    ])
    func diffusersVAERenames(from: String, to: String) {
        let rules = DiffusersVAERules(keys: (0..<4).map { "decoder.up_blocks.\($0).resnets.0.conv1.weight" })
        #expect(rules.canonical(from)?.key == to)
    }

    @Test func standaloneVAEsAndOldSD1NamesBecomeCanonical() throws {
        let vae = ShapeOnlySource(name: "vae", shapes: [
            "encoder.conv_in.weight": [128, 3, 3, 3], "decoder.mid.attn_1.q.weight": [512, 512],
            "encoder.mid_block.attentions.0.to_k.weight": [512, 512],
        ])
        #expect(Canonicalizer.layout(of: vae.keys) == .standaloneVAE)
        let canonical = try Canonicalizer.canonicalize(vae)
        #expect(canonical.shape("first_stage_model.encoder.conv_in.weight") == [128, 3, 3, 3])
        #expect(canonical.shape("first_stage_model.decoder.mid.attn_1.q.weight") == [512, 512, 1, 1])

        let diffusersVAE = ShapeOnlySource(name: "vae", shapes: [
            "encoder.down_blocks.0.resnets.0.conv1.weight": [128, 128, 3, 3], "encoder.mid_block.attentions.0.to_k.weight": [512, 512],
        ])
        let converted = try Canonicalizer.canonicalize(diffusersVAE)
        #expect(converted.shape("first_stage_model.encoder.mid.attn_1.k.weight") == [512, 512, 1, 1])
        #expect(converted.shape("first_stage_model.encoder.down.0.block.0.conv1.weight") == [128, 128, 3, 3])

        let oldSD1 = ShapeOnlySource(name: "old", shapes: [
            "cond_stage_model.transformer.embeddings.token_embedding.weight": [49408, 768],
            "model.diffusion_model.input_blocks.0.0.weight": [320, 4, 3, 3],
        ])
        let sd1 = try Canonicalizer.canonicalize(oldSD1)
        #expect(sd1.has("cond_stage_model.transformer.text_model.embeddings.token_embedding.weight"))
        #expect(sd1.has("model.diffusion_model.input_blocks.0.0.weight"))
    }

    @Test func keyPatternCapturesNumbersAndRest() {
        let match = KeyPattern("a.#.b.#.").match("a.12.b.3.c.weight")
        #expect(match?.numbers == [12, 3])
        #expect(match?.rest == "c.weight")
        #expect(KeyPattern("a.#.").match("a.x.c") == nil)
    }
}
