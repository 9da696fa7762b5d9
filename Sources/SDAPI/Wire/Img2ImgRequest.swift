import Generation

/// `POST /sdapi/v1/img2img` (A1111's `StableDiffusionProcessingImg2Img`), inpainting included.
public struct Img2ImgRequest: WireModel, Equatable {
    public var common = GenerationFields()
    /// Base64 images, optionally `data:image/...;base64,` prefixed. Required in practice:
    /// A1111 answers 404 `Init image not found` without them.
    public var initImages: [String]?
    /// 0 just resize, 1 crop and resize, 2 resize and fill, 3 just resize (latent upscale).
    public var resizeMode = 0
    public var denoisingStrength = 0.75
    public var imageCFGScale: Double?
    public var mask: String?
    public var maskBlurX = 4
    public var maskBlurY = 4
    public var maskBlur: Int?
    public var maskRound = true
    /// 0 fill, 1 original, 2 latent noise, 3 latent nothing.
    public var inpaintingFill = 0
    public var inpaintFullRes = true
    public var inpaintFullResPadding = 0
    public var inpaintingMaskInvert = 0
    public var initialNoiseMultiplier: Double?
    public var latentMask: String?
    public var includeInitImages = false

    public init() {}

    public static let schemaName = "StableDiffusionProcessingImg2Img"

    public static let fields: [WireField<Img2ImgRequest>] = {
        let common: WritableKeyPath<Img2ImgRequest, GenerationFields> & Sendable = \.common
        let denoising: [WireField<Img2ImgRequest>] = [
            .field("denoising_strength", \.denoisingStrength, constraint: .within(0, 1)),
        ]
        let images: [WireField<Img2ImgRequest>] = [
            .field("init_images", \.initImages),
            .field("resize_mode", \.resizeMode, constraint: .within(0, 3)),
            .field("image_cfg_scale", \.imageCFGScale),
            .field("mask", \.mask),
            .field("mask_blur_x", \.maskBlurX, constraint: .within(0)),
            .field("mask_blur_y", \.maskBlurY, constraint: .within(0)),
            .field("mask_blur", \.maskBlur, constraint: .within(0)),
            .field("mask_round", \.maskRound),
            .field("inpainting_fill", \.inpaintingFill, constraint: .within(0, 3)),
            .field("inpaint_full_res", \.inpaintFullRes),
            .field("inpaint_full_res_padding", \.inpaintFullResPadding, constraint: .within(0)),
            .field("inpainting_mask_invert", \.inpaintingMaskInvert, constraint: .within(0, 1)),
            .field("initial_noise_multiplier", \.initialNoiseMultiplier),
            .field("latent_mask", \.latentMask),
            .field("include_init_images", \.includeInitImages),
        ]
        return GenerationFields.fieldsBeforeDenoising.map { $0.lifted(to: common) } + denoising
            + GenerationFields.fieldsAfterDenoising.map { $0.lifted(to: common) } + images
            + GenerationFields.trailingFields.map { $0.lifted(to: common) }
    }()
}
