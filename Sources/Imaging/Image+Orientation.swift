extension Image {
    /// The image turned upright for a TIFF/EXIF orientation value, as PIL's
    /// `ImageOps.exif_transpose`: 2 mirror, 3 rotate 180°, 4 flip, 5 transpose,
    /// 6 rotate 90° clockwise, 7 transverse, 8 rotate 90° counter-clockwise; others unchanged.
    public func transposed(forExifOrientation orientation: Int) -> Image {
        let w = width, h = height
        // Each case maps an output pixel (x, y) to the source pixel it copies.
        let swapsSides: Bool
        let source: (Int, Int) -> (Int, Int)
        switch orientation {
        case 2: swapsSides = false; source = { x, y in (w - 1 - x, y) }
        case 3: swapsSides = false; source = { x, y in (w - 1 - x, h - 1 - y) }
        case 4: swapsSides = false; source = { x, y in (x, h - 1 - y) }
        case 5: swapsSides = true; source = { x, y in (y, x) }
        case 6: swapsSides = true; source = { x, y in (y, h - 1 - x) }
        case 7: swapsSides = true; source = { x, y in (w - 1 - y, h - 1 - x) }
        case 8: swapsSides = true; source = { x, y in (w - 1 - y, x) }
        default: return self
        }
        let outWidth = swapsSides ? h : w
        let outHeight = swapsSides ? w : h
        let c = channels
        var out = [UInt8](repeating: 0, count: pixels.count)
        out.withUnsafeMutableBufferPointer { output in
            pixels.withUnsafeBufferPointer { input in
                for y in 0..<outHeight {
                    for x in 0..<outWidth {
                        let (sx, sy) = source(x, y)
                        let from = (sy * w + sx) * c
                        let to = (y * outWidth + x) * c
                        for k in 0..<c { output[to + k] = input[from + k] }
                    }
                }
            }
        }
        return Image(validWidth: outWidth, height: outHeight, layout: layout, pixels: out)
    }
}
