extension Image {
    /// A1111's `create_binary_mask`: an RGBA image with any non-opaque pixel is a mask drawn
    /// in alpha (taken as gray; with `round`, thresholded to 0/255 at > 128); anything else is
    /// converted to gray (PIL luma), ignoring a gray image's alpha as A1111 does.
    public func binaryMask(round: Bool) -> Image {
        guard layout == .rgba, let alpha = alphaChannel(), hasTransparency else { return converted(to: .gray) }
        guard round else { return alpha }
        return alpha.mapSamples { $0 > 128 ? 255 : 0 }
    }

    /// Every colour sample replaced by 255 − value (PIL's `ImageOps.invert`); alpha is kept.
    public func inverted() -> Image {
        guard layout.hasAlpha else { return mapSamples { 255 - $0 } }
        var out = pixels
        let c = channels
        for index in out.indices where index % c != c - 1 { out[index] = 255 - out[index] }
        return Image(validWidth: width, height: height, layout: layout, pixels: out)
    }

    /// A1111's mask for the overlay when not inpainting "only masked":
    /// `np.clip(mask.astype(np.float32) * 2, 0, 255).astype(np.uint8)`.
    public func doubledMask() -> Image {
        mapSamples { UInt8(min(Int($0) * 2, 255)) }
    }

    /// PIL's `getbbox()` for a gray image: the smallest region holding every non-zero pixel,
    /// or nil when all are zero. Other layouts are converted to gray first.
    public func nonZeroBounds() -> PixelRegion? {
        let gray = converted(to: .gray)
        var region: PixelRegion?
        for y in 0..<height {
            for x in 0..<width where gray.pixels[y * width + x] != 0 {
                if var found = region {
                    found.x0 = min(found.x0, x)
                    found.x1 = max(found.x1, x + 1)
                    found.y1 = y + 1
                    region = found
                } else {
                    region = PixelRegion(x0: x, y0: y, x1: x + 1, y1: y + 1)
                }
            }
        }
        return region
    }

    func mapSamples(_ transform: (UInt8) -> UInt8) -> Image {
        Image(validWidth: width, height: height, layout: layout, pixels: pixels.map(transform))
    }
}
