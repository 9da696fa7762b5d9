import Checkpoint
import Diffusion
import Generation
import Testing

/// The table in `A1111LayerRules`' documentation, for 12-layer CLIP-L and 32-layer bigG.
@Suite struct A1111LayerRulesTests {
    func request(_ role: TextEncoderRole, _ family: ModelFamily, skip: Int, clipLSkip: Bool = false) -> CLIPTextRequest {
        A1111LayerRules.request(
            for: role, family: family, layers: role == .clipG ? 32 : 12,
            options: TextEncodingOptions(clipSkip: skip, sdxlClipLSkip: clipLSkip))
    }

    @Test func sd1AppliesSkipThenFinalNorm() {
        #expect(request(.clipL, .sd1, skip: 1) == CLIPTextRequest(layerFromEnd: 1, finalLayerNorm: true))
        #expect(request(.clipL, .sd1, skip: 0) == CLIPTextRequest(layerFromEnd: 1, finalLayerNorm: true))
        #expect(request(.clipL, .sd1, skip: 2) == CLIPTextRequest(layerFromEnd: 2, finalLayerNorm: true))
        #expect(request(.clipL, .sd1, skip: 40) == CLIPTextRequest(layerFromEnd: 13, finalLayerNorm: true))
    }

    @Test func sd2IsAlwaysPenultimateWithFinalNorm() {
        for skip in [1, 2, 5] {
            #expect(request(.clipH, .sd2, skip: skip) == CLIPTextRequest(layerFromEnd: 2, finalLayerNorm: true))
        }
    }

    @Test func sdxlSkipsOnlyClipLAndOnlyWhenAsked() {
        #expect(request(.clipL, .sdxl, skip: 3) == CLIPTextRequest(layerFromEnd: 2, finalLayerNorm: false))
        #expect(request(.clipL, .sdxl, skip: 1, clipLSkip: true) == CLIPTextRequest(layerFromEnd: 1, finalLayerNorm: false))
        #expect(request(.clipL, .sdxl, skip: 3, clipLSkip: true) == CLIPTextRequest(layerFromEnd: 3, finalLayerNorm: false))
        for family in [ModelFamily.sdxl, .sdxlRefiner] {
            #expect(request(.clipG, family, skip: 3, clipLSkip: true) == CLIPTextRequest(layerFromEnd: 2, finalLayerNorm: false, pooling: .projected))
        }
    }
}

@Suite struct ClipSkipRequestValueTests {
    @Test func acceptsA1111AndComfyUISpellings() {
        #expect(TextEncodingOptions.clipSkip(fromRequestValue: 1) == 1)
        #expect(TextEncodingOptions.clipSkip(fromRequestValue: 2) == 2)
        #expect(TextEncodingOptions.clipSkip(fromRequestValue: -1) == 1)
        #expect(TextEncodingOptions.clipSkip(fromRequestValue: -2) == 2)
        #expect(TextEncodingOptions.clipSkip(fromRequestValue: 0) == 1)
        #expect(TextEncodingOptions.clipSkip(fromRequestValue: Int.min) == Int.max)
    }
}
