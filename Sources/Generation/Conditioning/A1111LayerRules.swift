import Checkpoint
import Diffusion

/// Which hidden state each text encoder contributes, as AUTOMATIC1111 chooses it:
///
/// - SD1 CLIP-L (`sd_hijack_clip.FrozenCLIPEmbedderWithCustomWords.encode_with_transformers`):
///   clip skip n > 1 takes `hidden_states[-n]` and applies `final_layer_norm`; n ≤ 1 takes
///   `last_hidden_state` (the last layer, normalised). spec/sdapi-v1.md §6.3.
/// - SD2 OpenCLIP-H (`sd_hijack_open_clip.FrozenOpenCLIPEmbedderWithCustomWords`): always the
///   penultimate layer through `ln_final` (ldm's `layer: penultimate`); A1111 leaves
///   `CLIP_stop_at_last_layers` unapplied there (its code carries only a comment about it).
/// - SDXL CLIP-L (`FrozenCLIPEmbedderForSDXLWithCustomWords`): `hidden_states[-2]` (sgm's
///   `layer: hidden, layer_idx: 11` of 12) without final norm; with `sdxl_clip_l_skip`,
///   `hidden_states[-n]`, still without final norm (so n = 1 is the un-normalised last layer).
/// - SDXL / refiner OpenCLIP-bigG (sgm `FrozenOpenCLIPEmbedder2`, `layer: penultimate,
///   legacy: False`): the penultimate layer without `ln_final`; clip skip never applies. Its
///   pooled output is `ln_final(last layer)` at the end token through `text_projection`.
///
/// engine-notes.md §2.4 describes ComfyUI, which differs on SDXL (it applies the skip to both
/// encoders); these rules follow A1111 (DESIGN.md: where they disagree, follow A1111).
/// A skip larger than the encoder's depth is clamped to its embeddings output, where A1111
/// would fail with an index error.
public enum A1111LayerRules {
    public static func request(for role: TextEncoderRole, family: ModelFamily, layers: Int, options: TextEncodingOptions) -> CLIPTextRequest {
        let skip = min(max(options.clipSkip, 1), layers + 1)
        switch (family, role) {
        case (.sd1, _):
            return CLIPTextRequest(layerFromEnd: skip, finalLayerNorm: true)
        case (.sd2, _):
            return CLIPTextRequest(layerFromEnd: min(2, layers + 1), finalLayerNorm: true)
        case (.sdxl, .clipL), (.sdxlRefiner, .clipL):
            return CLIPTextRequest(layerFromEnd: options.sdxlClipLSkip ? skip : min(2, layers + 1), finalLayerNorm: false)
        case (.sdxl, _), (.sdxlRefiner, _):
            return CLIPTextRequest(layerFromEnd: min(2, layers + 1), finalLayerNorm: false, pooling: .projected)
        }
    }

    /// The token after the first end-of-text: CLIP-L pads with end-of-text, OpenCLIP with 0.
    public static func padToken(for role: TextEncoderRole) -> Int {
        role == .clipL ? 49407 : 0
    }
}
