import Generation

/// The A1111 shapes of `/samplers`, `/schedulers`, `/upscalers` and `/latent-upscale-modes`.
enum SamplerListings {
    static func sampler(_ sampler: SamplerDescriptor) -> JSONValue {
        [
            "name": .string(sampler.name),
            "aliases": .array(sampler.aliases.map(JSONValue.string)),
            "options": .object(sampler.options.map { (key: $0.key, value: .string($0.value)) }),
        ]
    }

    static let samplerSchema = Schema.object("SamplerItem", [
        ("name", Schema.string), ("aliases", Schema.array(Schema.string)), ("options", Schema.map(Schema.string)),
    ])

    static func scheduler(_ scheduler: SchedulerDescriptor) -> JSONValue {
        [
            "name": .string(scheduler.name),
            "label": .string(scheduler.label),
            "aliases": scheduler.aliases.map { .array($0.map(JSONValue.string)) } ?? .null,
            "default_rho": .double(scheduler.defaultRho),
            "need_inner_model": .bool(scheduler.needsInnerModel),
        ]
    }

    static let schedulerSchema = Schema.object("SchedulerItem", [
        ("name", Schema.string), ("label", Schema.string), ("aliases", Schema.nullable(Schema.array(Schema.string))),
        ("default_rho", Schema.number), ("need_inner_model", Schema.boolean),
    ])

    /// Built-in resamplers have no model file; A1111 reports their scale as 4.
    static func upscaler(_ name: String) -> JSONValue {
        ["name": .string(name), "model_name": nil, "model_path": nil, "model_url": nil, "scale": 4.0]
    }

    static let upscalerSchema = Schema.object("UpscalerItem", [
        ("name", Schema.string), ("model_name", Schema.nullable(Schema.string)),
        ("model_path", Schema.nullable(Schema.string)), ("model_url", Schema.nullable(Schema.string)),
        ("scale", Schema.number),
    ])

    static let latentModeSchema = Schema.object("LatentUpscalerModeItem", [("name", Schema.string)])
}
