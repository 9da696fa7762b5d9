import Imaging

extension Img2ImgInput {
    /// The inpainting mask an init image carries in its alpha channel, used when no `mask` is
    /// sent (issue 8: "mask … also taken from the init image's alpha"): white, i.e. repainted,
    /// wherever the first init image is not fully opaque. This follows A1111's early UI (any
    /// transparency is masked); A1111's API itself flattens such an image onto
    /// `img2img_background_color` and runs plain img2img. Nil for an opaque image.
    public var alphaMask: Image? {
        guard let first = initImages.first, first.hasTransparency, let alpha = first.alphaChannel() else { return nil }
        return try? Image(width: alpha.width, height: alpha.height, layout: .gray, pixels: alpha.pixels.map { $0 < 255 ? 255 : 0 })
    }

    /// The mask this job inpaints with: `mask` when sent, else the init image's alpha.
    var effectiveMask: Image? { mask ?? alphaMask }
}
