/// How samples of one pixel are laid out, as PIL's modes L, LA, RGB and RGBA.
public enum PixelLayout: String, Sendable, Equatable, CaseIterable, CustomStringConvertible {
    case gray
    case grayAlpha
    case rgb
    case rgba

    public var channels: Int {
        switch self {
        case .gray: 1
        case .grayAlpha: 2
        case .rgb: 3
        case .rgba: 4
        }
    }

    public var hasAlpha: Bool { self == .grayAlpha || self == .rgba }

    public var description: String { rawValue }

    init?(channels: Int) {
        switch channels {
        case 1: self = .gray
        case 2: self = .grayAlpha
        case 3: self = .rgb
        case 4: self = .rgba
        default: return nil
        }
    }
}

/// An 8-bit image: `height` rows of `width` pixels, each `layout.channels` interleaved
/// samples (row-major HWC), the form PIL and the codecs use.
public struct Image: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public let layout: PixelLayout
    public internal(set) var pixels: [UInt8]

    public init(width: Int, height: Int, layout: PixelLayout, pixels: [UInt8]) throws(ImagingError) {
        guard width > 0, height > 0, pixels.count == width * height * layout.channels else {
            throw .invalidDimensions(width: width, height: height, layout: layout, pixelCount: pixels.count)
        }
        self.init(validWidth: width, height: height, layout: layout, pixels: pixels)
    }

    /// An image with every sample set to `value` (the `fill` per channel, or one value for all).
    public init(width: Int, height: Int, layout: PixelLayout, fill: [UInt8]) throws(ImagingError) {
        guard fill.count == layout.channels else {
            throw .invalidArgument(operation: "Image(fill:)",
                                   reason: "\(layout) needs \(layout.channels) fill values, got \(fill.count)")
        }
        guard width > 0, height > 0 else {
            throw .invalidDimensions(width: width, height: height, layout: layout, pixelCount: 0)
        }
        var pixels = [UInt8](repeating: 0, count: width * height * layout.channels)
        for index in pixels.indices { pixels[index] = fill[index % layout.channels] }
        self.init(validWidth: width, height: height, layout: layout, pixels: pixels)
    }

    /// For code in this module that has already sized `pixels` correctly.
    init(validWidth width: Int, height: Int, layout: PixelLayout, pixels: [UInt8]) {
        self.width = width
        self.height = height
        self.layout = layout
        self.pixels = pixels
    }

    public var channels: Int { layout.channels }
}
