import Foundation

extension Image {
    /// PIL's `ImageFilter.GaussianBlur(radius)` (BoxBlur.c): three passes of an extended box
    /// blur per axis whose fractional radius approximates a Gaussian of standard deviation
    /// `radius`, in PIL's 24-bit fixed point, edges extended. Radius 0 returns the image.
    public func pilGaussianBlurred(radius: Float) -> Image {
        guard radius != 0 else { return self }
        let passes = 3
        let boxRadius = Self.extendedBoxRadius(gaussianRadius: radius, passes: passes)
        var image = self
        for _ in 0..<passes { image = image.boxBlurred(radius: boxRadius, alongRows: true) }
        for _ in 0..<passes { image = image.boxBlurred(radius: boxRadius, alongRows: false) }
        return image
    }

    /// `_gaussian_blur_radius`: the box radius whose `passes` repetitions have the Gaussian's
    /// variance (Gwosdek et al., "Theoretical foundations of Gaussian convolution by extended
    /// box filtering"), with PIL's mix of float and double arithmetic.
    static func extendedBoxRadius(gaussianRadius radius: Float, passes: Int) -> Float {
        let sigma2 = radius * radius / Float(passes)
        let length = Float((12.0 * Double(sigma2) + 1.0).squareRoot())
        let whole = Float(((Double(length) - 1.0) / 2.0).rounded(.down))
        var fraction = (2 * whole + 1) * (whole * (whole + 1) - 3 * sigma2)
        fraction /= 6 * (sigma2 - (whole + 1) * (whole + 1))
        return whole + fraction
    }

    /// One box-blur pass along every row (or column): `ImagingLineBoxBlur32` with an
    /// accumulator over `2r+1` samples plus the two samples at distance r+1 weighted by the
    /// fractional part, samples beyond an edge repeating the edge sample.
    private func boxBlurred(radius floatRadius: Float, alongRows: Bool) -> Image {
        let radius = Int(floatRadius)
        let whole = Int(UInt32(Float(1 << 24) / (floatRadius * 2 + 1)))
        let fraction = ((1 << 24) - (radius * 2 + 1) * whole) / 2
        let length = alongRows ? width : height
        let lines = alongRows ? height : width
        let c = channels
        let sampleStride = (alongRows ? 1 : width) * c
        let lineStride = (alongRows ? width : 1) * c
        let edgeA = min(radius + 1, length)
        let edgeB = max(length - radius - 1, 0)
        let last = length - 1
        var out = pixels
        pixels.withUnsafeBufferPointer { input in
            for line in 0..<lines {
                for channel in 0..<c {
                    let base = line * lineStride + channel
                    @inline(__always) func sample(_ index: Int) -> Int { Int(input[base + index * sampleStride]) }
                    var accumulator = sample(0) * (radius + 1)
                    for index in 0..<max(edgeA - 1, 0) { accumulator += sample(index) }
                    accumulator += sample(last) * (radius - edgeA + 1)
                    // Each output adds the sample entering the window, drops the one leaving it,
                    // and weighs the two just outside by the fractional radius.
                    func emit(_ index: Int, leaving: Int, entering: Int, outsideLeft: Int, outsideRight: Int) {
                        accumulator += sample(entering) - sample(leaving)
                        let total = accumulator * whole + (sample(outsideLeft) + sample(outsideRight)) * fraction
                        out[base + index * sampleStride] = UInt8(truncatingIfNeeded: (total + (1 << 23)) >> 24)
                    }
                    if edgeA <= edgeB {
                        for x in 0..<edgeA { emit(x, leaving: 0, entering: x + radius, outsideLeft: 0, outsideRight: x + radius + 1) }
                        for x in edgeA..<edgeB {
                            emit(x, leaving: x - radius - 1, entering: x + radius, outsideLeft: x - radius - 1, outsideRight: x + radius + 1)
                        }
                        for x in edgeB...last {
                            emit(x, leaving: x - radius - 1, entering: last, outsideLeft: x - radius - 1, outsideRight: last)
                        }
                    } else {
                        for x in 0..<edgeB { emit(x, leaving: 0, entering: x + radius, outsideLeft: 0, outsideRight: x + radius + 1) }
                        for x in edgeB..<edgeA { emit(x, leaving: 0, entering: last, outsideLeft: 0, outsideRight: last) }
                        for x in stride(from: edgeA, through: last, by: 1) {
                            emit(x, leaving: x - radius - 1, entering: last, outsideLeft: x - radius - 1, outsideRight: last)
                        }
                    }
                }
            }
        }
        return Image(validWidth: width, height: height, layout: layout, pixels: out)
    }
}
