import Generation
import Hummingbird

/// Samplers, schedulers, upscalers, and the A1111 listings of features sdserve does not have
/// (scripts, styles, face restorers, hypernetworks, Real-ESRGAN), answered empty in their shapes
/// so clients that probe them keep working.
struct ListingsController {
    var routes: [APIRoute] {
        [
            .json(.get, "/sdapi/v1/samplers", tag: "listings", summary: "List samplers",
                  response: Schema.array(SamplerListings.samplerSchema)) { _, _ in
                .array(SamplerCatalog.samplers.map(SamplerListings.sampler))
            },
            .json(.get, "/sdapi/v1/schedulers", tag: "listings", summary: "List sigma schedulers",
                  response: Schema.array(SamplerListings.schedulerSchema)) { _, _ in
                .array(SamplerCatalog.schedulers.map(SamplerListings.scheduler))
            },
            .json(.get, "/sdapi/v1/upscalers", tag: "listings", summary: "List image upscalers",
                  response: Schema.array(SamplerListings.upscalerSchema)) { _, _ in
                .array(SamplerCatalog.upscalers.map(SamplerListings.upscaler))
            },
            .json(.get, "/sdapi/v1/latent-upscale-modes", tag: "listings", summary: "List latent upscale modes",
                  response: Schema.array(SamplerListings.latentModeSchema)) { _, _ in
                .array(SamplerCatalog.latentUpscaleModes.map { ["name": .string($0)] })
            },
            .json(.get, "/sdapi/v1/scripts", tag: "listings", summary: "List scripts (none)",
                  response: Schema.object("ScriptsList", [("txt2img", Schema.array(Schema.string)),
                                                          ("img2img", Schema.array(Schema.string))])) { _, _ in
                ["txt2img": [], "img2img": []]
            },
            emptyList("/sdapi/v1/prompt-styles", "List prompt styles (none)"),
            emptyList("/sdapi/v1/face-restorers", "List face restorers (none)"),
            emptyList("/sdapi/v1/hypernetworks", "List hypernetworks (none)"),
            emptyList("/sdapi/v1/realesrgan-models", "List Real-ESRGAN models (none)"),
        ]
    }

    private func emptyList(_ path: String, _ summary: String) -> APIRoute {
        .json(.get, path, tag: "listings", summary: summary, response: Schema.array(Schema.anyObject)) { _, _ in [] }
    }
}
