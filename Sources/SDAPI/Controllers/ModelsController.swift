import Generation
import Hummingbird

/// Model listings and the routes that rescan or (un)load them.
struct ModelsController {
    let services: APIServices

    var routes: [APIRoute] {
        let catalog = services.catalog
        return [
            .json(.get, "/sdapi/v1/sd-models", tag: "models", summary: "List checkpoints",
                  response: Schema.array(ModelListings.sdModelSchema)) { _, _ in
                .array(await catalog.files(.checkpoint).map(ModelListings.sdModel))
            },
            .json(.get, "/sdapi/v1/sd-vae", tag: "models", summary: "List VAEs",
                  response: Schema.array(ModelListings.vaeSchema)) { _, _ in
                .array(await catalog.files(.vae).map(ModelListings.vae))
            },
            .json(.get, "/sdapi/v1/loras", tag: "models", summary: "List LoRAs with their safetensors metadata",
                  response: Schema.array(ModelListings.loraSchema)) { _, _ in
                .array(await catalog.files(.lora).map(ModelListings.lora))
            },
            .json(.get, "/sdapi/v1/embeddings", tag: "models", summary: "List textual-inversion embeddings",
                  response: ModelListings.embeddingsSchema) { _, _ in
                ModelListings.embeddings(await catalog.files(.embedding))
            },
            refresh("/sdapi/v1/refresh-checkpoints", .checkpoint),
            refresh("/sdapi/v1/refresh-vae", .vae),
            refresh("/sdapi/v1/refresh-loras", .lora),
            refresh("/sdapi/v1/refresh-embeddings", .embedding),
            // No checkpoint is held in memory until the generation pipeline loads one, so these
            // have nothing to move; they answer as A1111 does so clients can call them.
            .json(.post, "/sdapi/v1/unload-checkpoint", tag: "models", summary: "Release the loaded checkpoint",
                  response: Schema.anyObject) { _, _ in [:] },
            .json(.post, "/sdapi/v1/reload-checkpoint", tag: "models", summary: "Load the selected checkpoint again",
                  response: Schema.anyObject) { _, _ in [:] },
        ]
    }

    private func refresh(_ path: String, _ kind: ModelKind) -> APIRoute {
        let catalog = services.catalog
        return .json(.post, path, tag: "models", summary: "Rescan the \(kind.displayName) folders",
                     response: Schema.null) { _, _ in
            await catalog.refresh(kind)
            return .null
        }
    }
}
