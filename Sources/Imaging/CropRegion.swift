/// The rectangle "Only masked" inpainting works on (A1111's `modules/masking.py`).
public enum CropRegion {
    /// `get_crop_region_v2`: the bounding box of the mask's non-zero pixels grown by `padding`
    /// on every side and clipped to the mask; nil for an all-black mask (A1111 then falls back
    /// to whole-picture inpainting).
    public static func around(mask: Image, padding: Int) -> PixelRegion? {
        guard let box = mask.nonZeroBounds() else { return nil }
        guard padding != 0 else { return box }
        return PixelRegion(x0: max(box.x0 - padding, 0), y0: max(box.y0 - padding, 0),
                           x1: min(box.x1 + padding, mask.width), y1: min(box.y1 + padding, mask.height))
    }

    /// `expand_crop_region`: grows `region` along one axis until its aspect ratio matches the
    /// processing size, shifting it back inside the image where it would cross an edge.
    public static func expanded(
        _ region: PixelRegion, processingWidth: Int, processingHeight: Int, imageWidth: Int, imageHeight: Int
    ) -> PixelRegion {
        var (x1, y1, x2, y2) = (region.x0, region.y0, region.x1, region.y1)
        let regionRatio = Double(x2 - x1) / Double(y2 - y1)
        let processingRatio = Double(processingWidth) / Double(processingHeight)
        if regionRatio > processingRatio {
            let desiredHeight = Double(x2 - x1) / processingRatio
            let difference = Int(desiredHeight - Double(y2 - y1))
            (y1, y2) = spread(y1, y2, by: difference, limit: imageHeight)
        } else {
            let desiredWidth = Double(y2 - y1) * processingRatio
            let difference = Int(desiredWidth - Double(x2 - x1))
            (x1, x2) = spread(x1, x2, by: difference, limit: imageWidth)
        }
        return PixelRegion(x0: x1, y0: y1, x1: x2, y1: y2)
    }

    /// One axis of `expand_crop_region`, with Python's floor division for `diff // 2`.
    private static func spread(_ start: Int, _ end: Int, by difference: Int, limit: Int) -> (Int, Int) {
        let before = floorDivide(difference, 2)
        var (start, end) = (start - before, end + difference - before)
        if end >= limit {
            let overshoot = end - limit
            end -= overshoot
            start -= overshoot
        }
        if start < 0 {
            end -= start
            start = 0
        }
        if end >= limit { end = limit }
        return (start, end)
    }

    private static func floorDivide(_ value: Int, _ divisor: Int) -> Int {
        let quotient = value / divisor
        return (value % divisor != 0 && (value < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
