import Generation

/// `POST /sdapi/v1/txt2img` (A1111's `StableDiffusionProcessingTxt2Img`).
public struct Txt2ImgRequest: WireModel, Equatable {
    public var common = GenerationFields()
    /// Only used by hires fix; A1111's API default is null here (0.75 in img2img).
    public var denoisingStrength: Double?
    public var enableHR = false
    public var firstphaseWidth = 0
    public var firstphaseHeight = 0
    public var hrScale = 2.0
    public var hrUpscaler: String?
    public var hrSecondPassSteps = 0
    public var hrResizeX = 0
    public var hrResizeY = 0
    public var hrCheckpointName: String?
    public var hrSamplerName: String?
    public var hrScheduler: String?
    public var hrPrompt = ""
    public var hrNegativePrompt = ""

    public init() {}

    public static let schemaName = "StableDiffusionProcessingTxt2Img"

    public static let fields: [WireField<Txt2ImgRequest>] = {
        let common: WritableKeyPath<Txt2ImgRequest, GenerationFields> & Sendable = \.common
        let denoising: [WireField<Txt2ImgRequest>] = [
            .field("denoising_strength", \.denoisingStrength, constraint: .within(0, 1)),
        ]
        let hires: [WireField<Txt2ImgRequest>] = [
            .field("enable_hr", \.enableHR),
            .field("firstphase_width", \.firstphaseWidth, constraint: .within(0)),
            .field("firstphase_height", \.firstphaseHeight, constraint: .within(0)),
            .field("hr_scale", \.hrScale, constraint: .within(0)),
            .field("hr_upscaler", \.hrUpscaler),
            .field("hr_second_pass_steps", \.hrSecondPassSteps, constraint: .within(0, 1000)),
            .field("hr_resize_x", \.hrResizeX, constraint: .within(0)),
            .field("hr_resize_y", \.hrResizeY, constraint: .within(0)),
            .field("hr_checkpoint_name", \.hrCheckpointName),
            .field("hr_sampler_name", \.hrSamplerName),
            .field("hr_scheduler", \.hrScheduler),
            .field("hr_prompt", \.hrPrompt),
            .field("hr_negative_prompt", \.hrNegativePrompt),
        ]
        return GenerationFields.fieldsBeforeDenoising.map { $0.lifted(to: common) } + denoising
            + GenerationFields.fieldsAfterDenoising.map { $0.lifted(to: common) } + hires
            + GenerationFields.trailingFields.map { $0.lifted(to: common) }
    }()
}
