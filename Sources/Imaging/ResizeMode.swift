/// A1111's img2img `resize_mode`.
public enum ResizeMode: Int, Sendable, Equatable, CaseIterable {
    /// Stretch to the target size.
    case justResize = 0
    /// Scale to cover the target, centre, crop the excess.
    case cropAndResize = 1
    /// Scale to fit inside the target, centre, fill the borders by stretching the edge rows
    /// or columns of the image.
    case resizeAndFill = 2
    /// Resize in latent space after VAE encoding (Generation does that part). In pixel space
    /// A1111's `resize_image` treats 3 like 2, which matters for the inpainting mask.
    case latentJustResize = 3
}

extension Image {
    /// A1111's `images.resize_image(resize_mode, im, width, height)` with no img2img upscaler
    /// configured (the default), so every scaling is PIL Lanczos. Crop and fill produce a
    /// layout without alpha, as A1111 pastes into a new RGB image; gray stays gray (A1111's RGB
    /// copy of a gray image converts back to the same gray values).
    public func resized(mode: ResizeMode, width: Int, height: Int) throws(ImagingError) -> Image {
        try resized(mode: mode, width: width, height: height, upscaler: nil)
    }

    /// `resize_image` with `scale(image, w, h)` doing its inner `resize`.
    func resized(
        mode: ResizeMode, width: Int, height: Int, scale: (Image, Int, Int) throws(ImagingError) -> Image
    ) throws(ImagingError) -> Image {
        guard width > 0, height > 0 else {
            throw .invalidArgument(operation: "resize_image", reason: "target size \(width)x\(height) must be positive")
        }
        if mode == .justResize { return try scale(self, width, height) }

        let ratio = Double(width) / Double(height)
        let sourceRatio = Double(self.width) / Double(self.height)
        let covers = mode == .cropAndResize
        // Python: `width if ratio > src_ratio else im.width * height // im.height` for crop;
        // the comparisons flip for fill.
        let fitsWidth = covers ? ratio > sourceRatio : ratio < sourceRatio
        let fitsHeight = covers ? ratio <= sourceRatio : ratio >= sourceRatio
        let sourceWidth = fitsWidth ? width : self.width * height / self.height
        let sourceHeight = fitsHeight ? height : self.height * width / self.width
        guard sourceWidth > 0, sourceHeight > 0 else {
            throw .invalidArgument(operation: "resize_image",
                                   reason: "a \(self.width)x\(self.height) image scales to nothing inside \(width)x\(height)")
        }
        let scaled = try scale(self, sourceWidth, sourceHeight)
        let opaque: PixelLayout = layout.hasAlpha ? (layout == .rgba ? .rgb : .gray) : layout
        let black = [UInt8](repeating: 0, count: opaque.channels)
        let left = width / 2 - sourceWidth / 2
        let top = height / 2 - sourceHeight / 2
        var canvas = try Image(width: width, height: height, layout: opaque, fill: black).pasting(scaled, x: left, y: top)
        guard !covers else { return canvas }

        // Fill: stretch the first/last row (or column) with PIL's default bicubic over a
        // zero-height (zero-width) box, which gives 1.125 × edge − 0.125 × next.
        let full = (x: Float(scaled.width), y: Float(scaled.height))
        if ratio < sourceRatio, top > 0 {
            let above = try scaled.resized(width: width, height: top, filter: .bicubic,
                                           box: ResampleBox(x0: 0, y0: 0, x1: Float(width), y1: 0))
            let below = try scaled.resized(width: width, height: top, filter: .bicubic,
                                           box: ResampleBox(x0: 0, y0: full.y, x1: Float(width), y1: full.y))
            canvas = canvas.pasting(above, x: 0, y: 0).pasting(below, x: 0, y: top + sourceHeight)
        } else if ratio > sourceRatio, left > 0 {
            let before = try scaled.resized(width: left, height: height, filter: .bicubic,
                                            box: ResampleBox(x0: 0, y0: 0, x1: 0, y1: Float(height)))
            let after = try scaled.resized(width: left, height: height, filter: .bicubic,
                                           box: ResampleBox(x0: full.x, y0: 0, x1: full.x, y1: Float(height)))
            canvas = canvas.pasting(before, x: 0, y: 0).pasting(after, x: left + sourceWidth, y: 0)
        }
        return canvas
    }
}
