extension Image {
    /// A1111's "fill" masked content (`inpainting_fill` 0, `masking.fill`): the masked area is
    /// replaced by ever less blurred copies of the unmasked colours. The premultiplied
    /// unmasked image is blurred with PIL's Gaussian at radii 256, 64, 16, 4, 2 and 0, each
    /// result alpha-composited 1, 1, 2, 4, 2 and 1 times onto a transparent canvas; the result
    /// is RGB. `mask` is the processed mask at this image's size (white = repaint).
    public func filledUnderMask(_ mask: Image) throws(ImagingError) -> Image {
        guard mask.width == width, mask.height == height else {
            throw .invalidArgument(operation: "inpaint fill",
                                   reason: "mask is \(mask.width)x\(mask.height) but the image is \(width)x\(height)")
        }
        let unmasked = InpaintOverlay.premultipliedUnmasked(self, mask: mask)
        var canvas = Image(validWidth: width, height: height, layout: .rgba,
                           pixels: [UInt8](repeating: 0, count: width * height * 4))
        for (radius, repeats) in [(Float(256), 1), (64, 1), (16, 2), (4, 4), (2, 2), (0, 1)] {
            let blurred = unmasked.pilGaussianBlurred(radius: radius).unpremultiplied()
            for _ in 0..<repeats { canvas = InpaintOverlay.alphaComposite(blurred, over: canvas) }
        }
        return canvas.converted(to: .rgb)
    }
}
