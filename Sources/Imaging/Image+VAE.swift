extension Image {
    /// Planar CHW floats in [-1, 1] for the VAE encoder, as A1111 prepares init images:
    /// `np.array(image).astype(np.float32) / 255.0`, then `2. * x - 1.`, all in Float32.
    /// The image is converted to RGB first (alpha dropped; flatten before if it matters).
    public func vaeInputPlanes() -> [Float] {
        let rgb = converted(to: .rgb)
        let plane = width * height
        var planes = [Float](repeating: 0, count: 3 * plane)
        for index in 0..<plane {
            for c in 0..<3 {
                let unit = Float(rgb.pixels[index * 3 + c]) / 255
                planes[c * plane + index] = 2 * unit - 1
            }
        }
        return planes
    }

    /// An RGB image from the VAE decoder's planar CHW output, rounded as A1111 does:
    /// `clamp((x + 1) / 2, 0, 1)`, then `255. * x` and `astype(np.uint8)`, which truncates.
    /// All arithmetic is Float32, as numpy does it on float32 arrays.
    public init(vaeOutputPlanes planes: [Float], width: Int, height: Int) throws(ImagingError) {
        let plane = width * height
        guard width > 0, height > 0, planes.count == 3 * plane else {
            throw .invalidArgument(operation: "Image(vaeOutputPlanes:)",
                                   reason: "expected 3x\(height)x\(width) = \(3 * max(plane, 0)) floats, got \(planes.count)")
        }
        var pixels = [UInt8](repeating: 0, count: 3 * plane)
        for index in 0..<plane {
            for c in 0..<3 {
                pixels[index * 3 + c] = Self.a1111Sample(planes[c * plane + index])
            }
        }
        self.init(validWidth: width, height: height, layout: .rgb, pixels: pixels)
    }

    /// One decoder output value to a byte. NaN becomes 0, what numpy's uint8 cast of NaN
    /// gives on x86.
    static func a1111Sample(_ value: Float) -> UInt8 {
        let half = (value + 1) / 2
        guard !half.isNaN else { return 0 }
        return UInt8(255 * min(max(half, 0), 1))
    }
}
