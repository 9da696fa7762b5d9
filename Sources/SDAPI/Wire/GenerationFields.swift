import Generation

/// The request fields txt2img and img2img share, with A1111's API defaults (which differ from
/// its UI: 50 steps, sampler `Euler` via `sampler_index`). Every field is optional on the wire.
public struct GenerationFields: Sendable, Equatable {
    public var prompt = ""
    public var negativePrompt = ""
    public var styles: [String] = []
    public var seed = -1
    public var subseed = -1
    public var subseedStrength = 0.0
    public var seedResizeFromH = -1
    public var seedResizeFromW = -1
    public var samplerName: String?
    public var scheduler: String?
    public var batchSize = 1
    public var nIter = 1
    public var steps = 50
    public var cfgScale = 7.0
    public var width = 512
    public var height = 512
    public var restoreFaces: Bool?
    public var tiling: Bool?
    public var doNotSaveSamples = false
    public var doNotSaveGrid = false
    public var eta: Double?
    public var sMinUncond: Double?
    public var sChurn: Double?
    public var sTmax: Double?
    public var sTmin: Double?
    public var sNoise: Double?
    public var overrideSettings = WireObject()
    public var overrideSettingsRestoreAfterwards = true
    public var refinerCheckpoint: String?
    public var refinerSwitchAt: Double?
    public var disableExtraNetworks = false
    public var firstpassImage: String?
    public var comments: WireObject?
    public var forceTaskID: String?
    public var samplerIndex = "Euler"
    public var scriptName: String?
    public var scriptArgs: [JSONValue] = []
    public var sendImages = true
    public var saveImages = false
    public var alwaysonScripts = WireObject()
    public var infotext: String?
    /// sdserve's LoRA list (`[{name, strength_model, strength_clip}]`), chained before the
    /// prompt's `<lora:…>` tags.
    public var loras: [LoRAEntry] = []

    public init() {}

    static let fieldsBeforeDenoising: [WireField<GenerationFields>] = [
        .field("prompt", \.prompt),
        .field("negative_prompt", \.negativePrompt),
        .field("styles", \.styles),
        .field("seed", \.seed),
        .field("subseed", \.subseed),
        .field("subseed_strength", \.subseedStrength, constraint: .within(0, 1)),
        .field("seed_resize_from_h", \.seedResizeFromH),
        .field("seed_resize_from_w", \.seedResizeFromW),
        .field("sampler_name", \.samplerName),
        .field("scheduler", \.scheduler),
        .field("batch_size", \.batchSize, constraint: .within(1)),
        .field("n_iter", \.nIter, constraint: .within(1)),
        .field("steps", \.steps, constraint: .within(1, 1000)),
        .field("cfg_scale", \.cfgScale, constraint: .within(-100, 100)),
        .field("width", \.width, constraint: .within(8)),
        .field("height", \.height, constraint: .within(8)),
        .field("restore_faces", \.restoreFaces),
        .field("tiling", \.tiling),
        .field("do_not_save_samples", \.doNotSaveSamples),
        .field("do_not_save_grid", \.doNotSaveGrid),
        .field("eta", \.eta),
    ]

    static let fieldsAfterDenoising: [WireField<GenerationFields>] = [
        .field("s_min_uncond", \.sMinUncond),
        .field("s_churn", \.sChurn),
        .field("s_tmax", \.sTmax),
        .field("s_tmin", \.sTmin),
        .field("s_noise", \.sNoise),
        .field("override_settings", \.overrideSettings),
        .field("override_settings_restore_afterwards", \.overrideSettingsRestoreAfterwards),
        .field("refiner_checkpoint", \.refinerCheckpoint),
        .field("refiner_switch_at", \.refinerSwitchAt, constraint: .within(0, 1)),
        .field("disable_extra_networks", \.disableExtraNetworks),
        .field("firstpass_image", \.firstpassImage),
        .field("comments", \.comments),
    ]

    static let trailingFields: [WireField<GenerationFields>] = [
        .field("force_task_id", \.forceTaskID),
        .field("sampler_index", \.samplerIndex),
        .field("script_name", \.scriptName),
        .field("script_args", \.scriptArgs),
        .field("send_images", \.sendImages),
        .field("save_images", \.saveImages),
        .field("alwayson_scripts", \.alwaysonScripts),
        .field("infotext", \.infotext),
        .field("loras", \.loras),
    ]
}
