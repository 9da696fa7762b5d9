/// One txt2img or img2img job as the pipeline runs it: the request's values after the API
/// applied its defaults (A1111's `StableDiffusionProcessing` fields), and the settings in force
/// for this job (overrides applied).
public struct GenerationRequest: Sendable {
    public var prompt = ""
    public var negativePrompt = ""
    public var styles: [String] = []
    /// −1 picks a random seed (A1111 §8); other values are used as given.
    public var seed = -1
    public var subseed = -1
    public var subseedStrength = 0.0
    public var seedResizeFromWidth = -1
    public var seedResizeFromHeight = -1
    /// `sampler_name`, possibly with a scheduler suffix; `sampler_index` is used when it is empty.
    public var samplerName: String?
    public var samplerIndex: String? = "Euler"
    public var scheduler: String?
    public var batchSize = 1
    public var iterations = 1
    public var steps = 50
    public var cfgScale = 7.0
    /// The requested size; the latent is `width / 8` × `height / 8`, so output sizes are floored
    /// to multiples of 8 while infotext shows the size as requested, as A1111 does.
    public var width = 512
    public var height = 512
    public var eta: Double?
    public var sMinUncond: Double?
    public var tiling: Bool?
    /// Settings for this job (A1111's `opts` after `override_settings`).
    public var settings = Settings()
    /// txt2img's hires fix (`enable_hr`); nil runs one pass.
    public var hires: HiresFix?
    /// The LoRAs in force for the job, in chain order (the model is asked for them; infotext
    /// records their hashes).
    public var loras: [ResolvedLoRA] = []

    public init() {}

    /// Images in the whole job.
    public var imageCount: Int { batchSize * iterations }
}
