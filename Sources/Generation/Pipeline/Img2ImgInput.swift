import Imaging

/// The img2img part of a request (A1111's `StableDiffusionProcessingImg2Img` fields), with
/// images already decoded.
public struct Img2ImgInput: Sendable {
    /// `init_images`: one is used for every image of a batch; k ≤ batch_size images make a batch of k.
    public var initImages: [Image]
    public var resizeMode: Imaging.ResizeMode = .justResize
    public var denoisingStrength = 0.75
    /// White = repaint. Nil for plain img2img.
    public var mask: Image?
    public var maskOptions = InpaintMaskOptions()
    public var inpaintingFill: InpaintingFill = .fill
    /// Nil uses the setting `initial_noise_multiplier`.
    public var initialNoiseMultiplier: Double?

    public init(initImages: [Image]) {
        self.initImages = initImages
    }
}

/// A1111's `inpainting_fill`: what the masked area starts from.
public enum InpaintingFill: Int, Sendable, CaseIterable {
    /// The masked area painted with blurred surrounding colours.
    case fill = 0
    case original = 1
    /// The masked latent replaced by seed noise.
    case latentNoise = 2
    /// The masked latent zeroed.
    case latentNothing = 3

    /// Infotext `Masked content`.
    var label: String { ["fill", "original", "latent noise", "latent nothing"][rawValue] }
}
