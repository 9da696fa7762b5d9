import Foundation

extension Image {
    /// A1111's inpainting mask blur: `cv2.GaussianBlur(mask, (k, 1), blurX)` then
    /// `cv2.GaussianBlur(mask, (1, k), blurY)` with `k = 2 * int(2.5 * blur + 0.5) + 1`, each
    /// skipped when its sigma is not positive.
    public func maskBlurred(x blurX: Double, y blurY: Double) -> Image {
        var image = self
        if blurX > 0 { image = image.gaussianBlurred(horizontally: true, sigma: blurX) }
        if blurY > 0 { image = image.gaussianBlurred(horizontally: false, sigma: blurY) }
        return image
    }

    /// OpenCV's 8-bit Gaussian blur along one axis: the bit-exact kernel in 8-bit fixed point,
    /// `(Σ sample × tap + 128) >> 8`, borders mirrored without repeating the edge
    /// (BORDER_REFLECT_101).
    func gaussianBlurred(horizontally: Bool, sigma: Double) -> Image {
        let size = 2 * Int(2.5 * sigma + 0.5) + 1
        let taps = Self.openCVFixedPointGaussian(size: size, sigma: sigma).map { Int32($0) }
        let radius = size / 2
        let length = horizontally ? width : height
        let lines = horizontally ? height : width
        let c = channels
        let sampleStride = (horizontally ? 1 : width) * c
        let lineStride = (horizontally ? width : 1) * c
        // Source position of every padded sample, mirrored at both ends.
        let sourceOffsets = (0..<length + 2 * radius).map { Self.reflect101($0 - radius, length: length) * sampleStride }
        var padded = [Int32](repeating: 0, count: length + 2 * radius)
        var out = pixels
        out.withUnsafeMutableBufferPointer { output in
            pixels.withUnsafeBufferPointer { input in
                padded.withUnsafeMutableBufferPointer { padded in
                    for line in 0..<lines {
                        for channel in 0..<c {
                            let base = line * lineStride + channel
                            for index in 0..<padded.count { padded[index] = Int32(input[base + sourceOffsets[index]]) }
                            for position in 0..<length {
                                var sum: Int32 = 128
                                for tap in 0..<size { sum &+= padded[position + tap] &* taps[tap] }
                                output[base + position * sampleStride] = UInt8(min(sum >> 8, 255))
                            }
                        }
                    }
                }
            }
        }
        return Image(validWidth: width, height: height, layout: layout, pixels: out)
    }

    /// OpenCV's `getGaussianKernelBitExact` followed by `getGaussianKernelFixedPoint_ED` with
    /// 8 fraction bits: side taps rounded (half to even) with the rounding error carried to
    /// the next tap, centre tap taking what is left so the taps sum to 256.
    static func openCVFixedPointGaussian(size: Int, sigma: Double) -> [Int] {
        let scale = -0.125 / (sigma * sigma)
        let half = (size - 1) / 2
        var values = [Double]()
        var sum = 0.0
        var doubledOffset = 1 - size
        for _ in 0..<half {
            let value = exp(Double(doubledOffset * doubledOffset) * scale)
            values.append(value)
            sum += value
            doubledOffset += 2
        }
        sum = sum * 2 + 1
        let normaliser = 1 / sum
        var taps = [Int](repeating: 0, count: size)
        var error = 0.0
        var fixedSum = 0
        for index in 0..<half {
            let adjusted = values[index] * normaliser * 256 + error
            let rounded = adjusted.rounded(.toNearestOrEven)
            error = adjusted - rounded
            taps[index] = Int(rounded)
            taps[size - 1 - index] = Int(rounded)
            fixedSum += Int(rounded)
        }
        taps[half] = 256 - 2 * fixedSum
        return taps
    }

    /// OpenCV's `borderInterpolate` for BORDER_REFLECT_101 (…, 2, 1 | 0, 1, 2, … | n-2, …).
    static func reflect101(_ position: Int, length: Int) -> Int {
        guard length > 1 else { return 0 }
        var p = position
        while p < 0 || p >= length {
            p = p < 0 ? -p : 2 * (length - 1) - p
        }
        return p
    }
}
