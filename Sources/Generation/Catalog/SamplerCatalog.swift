import Sampling

/// A sampler as A1111's `/samplers` lists it.
public struct SamplerDescriptor: Sendable, Equatable {
    public var name: String
    public var aliases: [String]
    /// A1111's option flags; `scheduler` names the schedule used when the request says
    /// `Automatic`. Values are strings on the wire (`"True"` for flags).
    public var options: [(key: String, value: String)]

    public static func == (lhs: SamplerDescriptor, rhs: SamplerDescriptor) -> Bool {
        lhs.name == rhs.name && lhs.aliases == rhs.aliases && lhs.options.elementsEqual(rhs.options, by: { $0 == $1 })
    }
}

/// A sigma scheduler as A1111's `/schedulers` lists it.
public struct SchedulerDescriptor: Sendable, Equatable {
    public var name: String
    public var label: String
    public var aliases: [String]?
    public var defaultRho: Double
    public var needsInnerModel: Bool
}

/// The sampler and scheduler names the API offers, read from `Sampling`'s registry so the
/// listings are exactly what runs, in A1111 v1.10.1's order.
public enum SamplerCatalog {
    /// The order A1111 serialises a sampler's `options` in.
    private static let optionOrder = ["scheduler", "second_order", "brownian_noise", "uses_ensd",
                                      "discard_next_to_last_sigma", "solver_type"]

    public static let samplers: [SamplerDescriptor] = SamplerRegistry.all.map { definition in
        let options = definition.options
        return SamplerDescriptor(
            name: definition.name, aliases: definition.aliases,
            options: optionOrder.compactMap { key in options[key].map { (key, $0) } })
    }

    public static let schedulers: [SchedulerDescriptor] = Scheduler.allCases.filter { $0.isListedByA1111 }.map {
        SchedulerDescriptor(
            name: $0.name, label: $0.label, aliases: $0.aliases, defaultRho: $0.defaultRho,
            needsInnerModel: $0.needsInnerModel)
    }

    /// Image-space upscalers (`/upscalers`, `hr_upscaler`): A1111's built-in resamplers.
    public static let upscalers: [String] = ["None", "Lanczos", "Nearest"]

    /// Latent-space upscale modes (`/latent-upscale-modes`, `hr_upscaler`).
    public static let latentUpscaleModes: [String] = [
        "Latent", "Latent (antialiased)", "Latent (bicubic)", "Latent (bicubic antialiased)",
        "Latent (nearest)", "Latent (nearest-exact)",
    ]
}
