import Generation
import Hummingbird

/// `/options` (the settings store) and `/cmd-flags` (the launch configuration).
struct OptionsController {
    let services: APIServices

    var routes: [APIRoute] {
        let settings = services.settings
        let flags = services.configuration.commandFlags
        return [
            .json(.get, "/sdapi/v1/options", tag: "options", summary: "Read the settings",
                  response: Settings.schema) { _, _ in
                await settings.options()
            },
            .json(.post, "/sdapi/v1/options", tag: "options",
                  summary: "Change settings (a checkpoint named in sd_model_checkpoint is selected)",
                  requestBody: Settings.schema, response: Schema.null) { request, context in
                try await settings.update(with: try await RequestBody.json(request, context: context))
                return .null
            },
            .json(.get, "/sdapi/v1/cmd-flags", tag: "options", summary: "Launch flags (passwords never shown)",
                  response: Schema.anyObject) { _, _ in flags },
        ]
    }
}
