/// The inpainting request fields that shape the mask (A1111 names in parentheses).
public struct InpaintMaskOptions: Sendable, Equatable {
    /// Gaussian sigma across and down (`mask_blur_x`, `mask_blur_y`; `mask_blur` sets both).
    public var blurX: Double
    public var blurY: Double
    /// Threshold an alpha mask at > 128 and round the latent mask (`mask_round`).
    public var round: Bool
    /// Repaint the unmasked area instead (`inpainting_mask_invert`).
    public var invert: Bool
    /// "Only masked": crop to the mask, generate at full size, paste back (`inpaint_full_res`).
    public var onlyMasked: Bool
    /// Pixels around the mask's bounding box in "only masked" mode (`inpaint_full_res_padding`).
    public var padding: Int

    public init(blurX: Double = 4, blurY: Double = 4, round: Bool = true, invert: Bool = false,
                onlyMasked: Bool = true, padding: Int = 0) {
        (self.blurX, self.blurY, self.round, self.invert) = (blurX, blurY, round, invert)
        (self.onlyMasked, self.padding) = (onlyMasked, padding)
    }
}

/// A request's inpainting mask after A1111's img2img set-up (`StableDiffusionProcessingImg2Img.init`):
/// binarised, inverted if asked, blurred, then either cropped to the masked region ("only
/// masked") or resized like the init images.
public struct InpaintMask: Sendable, Equatable {
    /// The mask at the processing size: drives "fill" and the latent mask.
    public let processingMask: Image
    /// The mask the paste-back overlay uses (`mask_for_overlay`): full init-image size in
    /// "only masked" mode, else the processing-size mask doubled and clipped.
    public let overlayMask: Image
    /// "Only masked": the region of the init image that is generated and pasted back.
    public let cropRegion: PixelRegion?
    public let width: Int
    public let height: Int
    public let resizeMode: ResizeMode
    public let options: InpaintMaskOptions

    /// Nil when "only masked" finds a blank mask: A1111 then drops the mask and runs plain
    /// img2img (it logs "Unable to perform Inpaint Only mask because mask is blank").
    public init?(mask: Image, width: Int, height: Int, resizeMode: ResizeMode, options: InpaintMaskOptions) throws(ImagingError) {
        var prepared = mask.binaryMask(round: options.round)
        if options.invert { prepared = prepared.inverted() }
        prepared = prepared.maskBlurred(x: options.blurX, y: options.blurY)
        if options.onlyMasked {
            guard let region = CropRegion.around(mask: prepared, padding: options.padding) else { return nil }
            let expanded = CropRegion.expanded(region, processingWidth: width, processingHeight: height,
                                               imageWidth: prepared.width, imageHeight: prepared.height)
            processingMask = try prepared.cropped(to: expanded).resized(mode: .resizeAndFill, width: width, height: height)
            overlayMask = prepared
            cropRegion = expanded
        } else {
            processingMask = try prepared.resized(mode: resizeMode, width: width, height: height)
            overlayMask = processingMask.doubledMask()
            cropRegion = nil
        }
        (self.width, self.height, self.resizeMode, self.options) = (width, height, resizeMode, options)
    }

    /// One init image made ready for the VAE, and the overlay that pastes its unmasked pixels
    /// back: flattened onto `background` (`img2img_background_color`), resized (unless "only
    /// masked" or latent resize mode 3), overlay built at that size, cropped to the region and
    /// fitted to the processing size in "only masked" mode, and with `fill` (masked content
    /// "fill") the masked area replaced by blurred surrounding colour.
    public func prepare(
        initImage: Image, fill: Bool, background: (red: UInt8, green: UInt8, blue: UInt8) = (255, 255, 255)
    ) throws(ImagingError) -> (image: Image, overlay: InpaintOverlay) {
        var image = initImage.flattened(onto: background)
        if cropRegion == nil, resizeMode != .latentJustResize {
            image = try image.resized(mode: resizeMode, width: width, height: height)
        }
        var maskForOverlay = overlayMask
        if maskForOverlay.width != image.width || maskForOverlay.height != image.height {
            maskForOverlay = try maskForOverlay.resized(mode: resizeMode, width: image.width, height: image.height)
        }
        let overlay = try InpaintOverlay(original: image, mask: maskForOverlay)
        if let cropRegion {
            image = try image.cropped(to: cropRegion).resized(mode: .resizeAndFill, width: width, height: height)
        }
        if fill { image = try image.filledUnderMask(processingMask) }
        return (image, overlay)
    }

    /// The latent-space mask for a latent of `latentWidth`×`latentHeight` (1 = repaint).
    public func latentMask(latentWidth: Int, latentHeight: Int) throws(ImagingError) -> [Float] {
        try processingMask.latentMask(width: latentWidth, height: latentHeight, round: options.round)
    }

    /// Pastes a generated image back over the init image's unmasked pixels (`apply_overlay`).
    public func pasteBack(_ generated: Image, overlay: InpaintOverlay) throws(ImagingError) -> Image {
        try overlay.applied(to: generated, pasteRegion: cropRegion)
    }
}
