/// A pixel rectangle `[x0, x1) × [y0, y1)`, PIL's `(left, upper, right, lower)` box.
public struct PixelRegion: Sendable, Equatable, CustomStringConvertible {
    public var x0: Int, y0: Int, x1: Int, y1: Int

    public init(x0: Int, y0: Int, x1: Int, y1: Int) {
        (self.x0, self.y0, self.x1, self.y1) = (x0, y0, x1, y1)
    }

    public var width: Int { x1 - x0 }
    public var height: Int { y1 - y0 }
    public var description: String { "(\(x0), \(y0), \(x1), \(y1))" }
}

extension Image {
    /// The pixels inside `region`, as PIL's `crop`: parts outside the image are zero.
    public func cropped(to region: PixelRegion) throws(ImagingError) -> Image {
        guard region.width > 0, region.height > 0 else {
            throw .invalidArgument(operation: "crop", reason: "region \(region) is empty")
        }
        let c = channels
        var out = [UInt8](repeating: 0, count: region.width * region.height * c)
        let rows = Self.overlap(region.y0, region.y1, limit: height)
        let columns = Self.overlap(region.x0, region.x1, limit: width)
        guard !columns.isEmpty else {
            return Image(validWidth: region.width, height: region.height, layout: layout, pixels: out)
        }
        for y in rows {
            let from = (y * width + columns.lowerBound) * c
            let to = ((y - region.y0) * region.width + columns.lowerBound - region.x0) * c
            out.replaceSubrange(to..<to + columns.count * c, with: pixels[from..<from + columns.count * c])
        }
        return Image(validWidth: region.width, height: region.height, layout: layout, pixels: out)
    }

    /// `other` copied over this image with its top-left at (x, y), clipped to this image and
    /// converted to this image's layout first (PIL's `paste` without a mask).
    public func pasting(_ other: Image, x: Int, y: Int) -> Image {
        let source = other.converted(to: layout)
        var out = pixels
        let c = channels
        let columns = Self.overlap(x, x + source.width, limit: width)
        guard !columns.isEmpty else { return self }
        for row in Self.overlap(y, y + source.height, limit: height) {
            let from = ((row - y) * source.width + columns.lowerBound - x) * c
            let to = (row * width + columns.lowerBound) * c
            out.replaceSubrange(to..<to + columns.count * c, with: source.pixels[from..<from + columns.count * c])
        }
        return Image(validWidth: width, height: height, layout: layout, pixels: out)
    }

    /// `[start, end)` clipped to `[0, limit)`, possibly empty.
    static func overlap(_ start: Int, _ end: Int, limit: Int) -> Range<Int> {
        let lower = min(max(start, 0), limit)
        return lower..<max(min(end, limit), lower)
    }
}
