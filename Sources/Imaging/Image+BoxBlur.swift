import Foundation

extension Image {
    /// PIL's `ImageFilter.GaussianBlur(radius)` (BoxBlur.c): three passes of an extended box
    /// blur per axis whose fractional radius approximates a Gaussian of standard deviation
    /// `radius`, in PIL's 24-bit fixed point, edges extended. Radius 0 returns the image.
    public func pilGaussianBlurred(radius: Float) -> Image {
        guard radius != 0 else { return self }
        let passes = 3
        let boxRadius = Self.extendedBoxRadius(gaussianRadius: radius, passes: passes)
        // Rows first, then columns as rows of the transposed image, as PIL does.
        var image = self
        for _ in 0..<passes { image = image.boxBlurredRows(radius: boxRadius) }
        image = image.transposed(forExifOrientation: 5)
        for _ in 0..<passes { image = image.boxBlurredRows(radius: boxRadius) }
        return image.transposed(forExifOrientation: 5)
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

    /// One box-blur pass along every row (`ImagingHorizontalBoxBlur`).
    private func boxBlurredRows(radius floatRadius: Float) -> Image {
        let radius = Int(floatRadius)
        let whole = Int(UInt32(Float(1 << 24) / (floatRadius * 2 + 1)))
        let fraction = ((1 << 24) - (radius * 2 + 1) * whole) / 2
        let c = channels
        var out = pixels
        out.withUnsafeMutableBufferPointer { output in
            pixels.withUnsafeBufferPointer { input in
                for row in 0..<height {
                    for channel in 0..<c {
                        let start = row * width * c + channel
                        Self.boxBlurLine(input.baseAddress! + start, output.baseAddress! + start, count: width, stride: c,
                                         radius: radius, whole: whole, fraction: fraction)
                    }
                }
            }
        }
        return Image(validWidth: width, height: height, layout: layout, pixels: out)
    }

    /// `ImagingLineBoxBlur32` on one channel of one line: the window sum moves by adding the
    /// sample entering and dropping the one leaving; the two samples just outside the window
    /// are weighed by the fractional radius; positions past an edge read the edge sample.
    private static func boxBlurLine(
        _ input: UnsafePointer<UInt8>, _ output: UnsafeMutablePointer<UInt8>, count: Int, stride: Int,
        radius: Int, whole: Int, fraction: Int
    ) {
        @inline(__always) func sample(_ index: Int) -> Int { Int(input[index &* stride]) }
        @inline(__always) func emit(_ x: Int, leaving: Int, entering: Int, right: Int, _ sum: inout Int) {
            sum = sum &+ sample(entering) &- sample(leaving)
            let total = sum &* whole &+ (sample(leaving) &+ sample(right)) &* fraction
            output[x &* stride] = UInt8(truncatingIfNeeded: (total &+ (1 << 23)) >> 24)
        }
        let last = count - 1
        let edgeA = min(radius + 1, count)
        let edgeB = max(count - radius - 1, 0)
        var sum = sample(0) * (radius + 1)
        for index in 0..<max(edgeA - 1, 0) { sum += sample(index) }
        sum += sample(last) * (radius - edgeA + 1)
        // PIL's three loops: window entering from the left edge, in the middle, at the right edge.
        let middle = min(edgeA, edgeB)..<max(edgeA, edgeB)
        for x in 0..<middle.lowerBound { emit(x, leaving: 0, entering: x + radius, right: x + radius + 1, &sum) }
        for x in middle {
            if edgeA <= edgeB {
                emit(x, leaving: x - radius - 1, entering: x + radius, right: x + radius + 1, &sum)
            } else {
                emit(x, leaving: 0, entering: last, right: last, &sum)
            }
        }
        for x in middle.upperBound..<count { emit(x, leaving: x - radius - 1, entering: last, right: last, &sum) }
    }
}
