extension Image {
    /// The image in `target` layout, converted as PIL's `Image.convert` does: gray from colour
    /// is ITU-R 601-2 luma in PIL's fixed point, `(r*19595 + g*38470 + b*7471 + 0x8000) >> 16`;
    /// dropping alpha discards it (no compositing); added alpha is 255.
    public func converted(to target: PixelLayout) -> Image {
        if target == layout { return self }
        let count = width * height
        let source = channels
        let sourceAlpha = layout.hasAlpha ? source - 1 : nil
        let colour = layout == .rgb || layout == .rgba
        var out = [UInt8](repeating: 0, count: count * target.channels)
        pixels.withUnsafeBufferPointer { input in
            for index in 0..<count {
                let base = index * source
                let alpha = sourceAlpha.map { input[base + $0] } ?? 255
                let outBase = index * target.channels
                switch target {
                case .gray, .grayAlpha:
                    out[outBase] = colour ? Self.luma(input[base], input[base + 1], input[base + 2]) : input[base]
                    if target == .grayAlpha { out[outBase + 1] = alpha }
                case .rgb, .rgba:
                    for c in 0..<3 { out[outBase + c] = colour ? input[base + c] : input[base] }
                    if target == .rgba { out[outBase + 3] = alpha }
                }
            }
        }
        return Image(validWidth: width, height: height, layout: target, pixels: out)
    }

    /// PIL's `L24` luma in 16-bit fixed point.
    static func luma(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt8 {
        let red = Int(r) * 19595
        let green = Int(g) * 38470
        let blue = Int(b) * 7471
        return UInt8((red + green + blue + 0x8000) >> 16)
    }

    /// The alpha channel as a gray image, or nil when the layout has none.
    public func alphaChannel() -> Image? {
        guard layout.hasAlpha else { return nil }
        let stride = channels
        let alpha = (0..<width * height).map { pixels[$0 * stride + stride - 1] }
        return Image(validWidth: width, height: height, layout: .gray, pixels: alpha)
    }

    /// True when there is an alpha channel and some pixel is not fully opaque.
    public var hasTransparency: Bool {
        guard layout.hasAlpha else { return false }
        let stride = channels
        return (0..<width * height).contains { pixels[$0 * stride + stride - 1] != 255 }
    }

    /// RGB with transparency composited over `background`, as A1111's `images.flatten`
    /// (PIL paste with the image as its own mask, then drop alpha). Non-RGBA layouts are
    /// just converted to RGB, which drops a gray image's alpha as PIL does.
    public func flattened(onto background: (red: UInt8, green: UInt8, blue: UInt8) = (255, 255, 255)) -> Image {
        guard layout == .rgba else { return converted(to: .rgb) }
        let fill = [background.red, background.green, background.blue]
        var out = [UInt8](repeating: 0, count: width * height * 3)
        for index in 0..<width * height {
            let alpha = Int(pixels[index * 4 + 3])
            for c in 0..<3 {
                out[index * 3 + c] = Self.blend(Int(fill[c]), Int(pixels[index * 4 + c]), mask: alpha)
            }
        }
        return Image(validWidth: width, height: height, layout: .rgb, pixels: out)
    }

    /// PIL's `BLEND`: `DIV255(under * (255 - mask) + over * mask)` with its rounding division.
    static func blend(_ under: Int, _ over: Int, mask: Int) -> UInt8 {
        UInt8(divide255(under * (255 - mask) + over * mask))
    }

    /// PIL's `DIV255`: round(value / 255) for 0...255*255, in shifts.
    static func divide255(_ value: Int) -> Int {
        let biased = value + 128
        return ((biased >> 8) + biased) >> 8
    }
}
