/// Checkpoints a job hands over to part-way, loaded (through the model cache) before it starts:
/// A1111's hires checkpoint (`hr_checkpoint_name`), which runs the whole second pass, and the
/// SDXL refiner (`refiner_checkpoint`), which takes over sampling at `refiner_switch_at`.
public struct CompanionModels: Sendable {
    public var hires: LoadedModel?
    public var refiner: RefinerModel?

    public init(hires: LoadedModel? = nil, refiner: RefinerModel? = nil) {
        self.hires = hires
        self.refiner = refiner
    }

    public static let none = CompanionModels()
}

/// The refiner and when it takes over.
public struct RefinerModel: Sendable {
    public var model: LoadedModel
    /// `refiner_switch_at`, the fraction of the model's 1000 timesteps sampled before the switch;
    /// nil switches at the first model call, as A1111 does.
    public var switchAt: Double?

    public init(model: LoadedModel, switchAt: Double?) {
        self.model = model
        self.switchAt = switchAt
    }

    /// Infotext keys A1111 adds once the refiner has taken over.
    var extras: [(key: String, value: JSONValue)] {
        [("Refiner", .string(model.selection.checkpoint.shortTitle)), ("Refiner switch at", switchAt.map(JSONValue.double) ?? .null)]
    }
}

extension ModelSelection.File {
    /// A1111's `short_title`: `name [shorthash]`, or the name alone when not hashed.
    var shortTitle: String { shortHash.map { "\(name) [\($0)]" } ?? name }
}
