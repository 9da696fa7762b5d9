/// A source rectangle for resampling, in source pixels (PIL's `box`), as C floats like PIL's.
public struct ResampleBox: Sendable, Equatable {
    public var x0: Float, y0: Float, x1: Float, y1: Float

    public init(x0: Float, y0: Float, x1: Float, y1: Float) {
        (self.x0, self.y0, self.x1, self.y1) = (x0, y0, x1, y1)
    }
}

extension Image {
    /// The image resampled to `width`×`height` exactly as PIL's `Image.resize(size, filter, box)`
    /// on 8-bit images: separable two-pass convolution (horizontal first) with PIL's kernels,
    /// support widened by the scale when shrinking, 22-bit fixed-point taps and rounding; images
    /// with alpha are resampled premultiplied (PIL's RGBa/La round trip); `.nearest` picks
    /// pixels as PIL's affine nearest transform. `box` defaults to the whole image.
    public func resized(width: Int, height: Int, filter: ResampleFilter, box: ResampleBox? = nil) throws(ImagingError) -> Image {
        let whole = ResampleBox(x0: 0, y0: 0, x1: Float(self.width), y1: Float(self.height))
        let box = box ?? whole
        guard width > 0, height > 0 else {
            throw .invalidArgument(operation: "resize", reason: "target size \(width)x\(height) must be positive")
        }
        guard box.x0 >= 0, box.y0 >= 0, box.x1 <= whole.x1, box.y1 <= whole.y1, box.x0 <= box.x1, box.y0 <= box.y1 else {
            throw .invalidArgument(operation: "resize",
                                   reason: "box (\(box.x0), \(box.y0), \(box.x1), \(box.y1)) is not inside the \(self.width)x\(self.height) image")
        }
        if width == self.width, height == self.height, box == whole { return self }
        if filter == .nearest { return nearestResampled(width: width, height: height, box: box) }
        if layout.hasAlpha {
            return premultiplied().convolved(width: width, height: height, filter: filter, box: box).unpremultiplied()
        }
        return convolved(width: width, height: height, filter: filter, box: box)
    }

    /// PIL's `ImagingResampleInner`: a horizontal pass over only the rows the vertical pass
    /// reads, then the vertical pass; either is skipped when its axis is unchanged.
    private func convolved(width: Int, height: Int, filter: ResampleFilter, box: ResampleBox) -> Image {
        let horizontal = ResampleCoefficients(inputSize: self.width, from: box.x0, to: box.x1, outputSize: width, filter: filter)
        let vertical = ResampleCoefficients(inputSize: self.height, from: box.y0, to: box.y1, outputSize: height, filter: filter)
        let needsHorizontal = width != self.width || box.x0 != 0 || box.x1 != Float(width)
        let needsVertical = height != self.height || box.y0 != 0 || box.y1 != Float(height)
        var current = self
        var rowShift = 0
        if needsHorizontal {
            rowShift = vertical.starts[0]
            let lastRow = vertical.starts[height - 1] + vertical.counts[height - 1]
            current = horizontalPass(horizontal, rows: rowShift..<lastRow)
        }
        if needsVertical {
            current = current.verticalPass(vertical, rowShift: rowShift)
        }
        return current
    }

    private func horizontalPass(_ coefficients: ResampleCoefficients, rows: Range<Int>) -> Image {
        let outWidth = coefficients.starts.count
        let c = channels
        let inputRow = width * c
        var out = [UInt8](repeating: 0, count: outWidth * rows.count * c)
        out.withUnsafeMutableBufferPointer { output in
            pixels.withUnsafeBufferPointer { input in
                coefficients.taps.withUnsafeBufferPointer { taps in
                    for (outRow, y) in rows.enumerated() {
                        for x in 0..<outWidth {
                            let weights = taps.baseAddress! + x * coefficients.kernelSize
                            var source = input.baseAddress! + y * inputRow + coefficients.starts[x] * c
                            // Up to four channel sums in one sweep over the taps.
                            var sums = (ResampleCoefficients.half, ResampleCoefficients.half,
                                        ResampleCoefficients.half, ResampleCoefficients.half)
                            for tap in 0..<coefficients.counts[x] {
                                let weight = Int(weights[tap])
                                sums.0 &+= Int(source[0]) &* weight
                                if c > 1 { sums.1 &+= Int(source[1]) &* weight }
                                if c > 2 { sums.2 &+= Int(source[2]) &* weight }
                                if c > 3 { sums.3 &+= Int(source[3]) &* weight }
                                source += c
                            }
                            let target = (outRow * outWidth + x) * c
                            output[target] = ResampleCoefficients.clip8(sums.0)
                            if c > 1 { output[target + 1] = ResampleCoefficients.clip8(sums.1) }
                            if c > 2 { output[target + 2] = ResampleCoefficients.clip8(sums.2) }
                            if c > 3 { output[target + 3] = ResampleCoefficients.clip8(sums.3) }
                        }
                    }
                }
            }
        }
        return Image(validWidth: outWidth, height: rows.count, layout: layout, pixels: out)
    }

    private func verticalPass(_ coefficients: ResampleCoefficients, rowShift: Int) -> Image {
        let outHeight = coefficients.starts.count
        let rowLength = width * channels
        var out = [UInt8](repeating: 0, count: outHeight * rowLength)
        // Row-at-a-time accumulation keeps the inner loop contiguous (and vectorisable).
        var sums = [Int32](repeating: 0, count: rowLength)
        out.withUnsafeMutableBufferPointer { output in
            sums.withUnsafeMutableBufferPointer { sums in
                pixels.withUnsafeBufferPointer { input in
                    for y in 0..<outHeight {
                        let first = coefficients.starts[y] - rowShift
                        let tapBase = y * coefficients.kernelSize
                        for sample in 0..<rowLength { sums[sample] = Int32(ResampleCoefficients.half) }
                        for tap in 0..<coefficients.counts[y] {
                            let weight = coefficients.taps[tapBase + tap]
                            let source = input.baseAddress! + (first + tap) * rowLength
                            for sample in 0..<rowLength { sums[sample] &+= Int32(source[sample]) &* weight }
                        }
                        let target = output.baseAddress! + y * rowLength
                        for sample in 0..<rowLength { target[sample] = ResampleCoefficients.clip8(Int(sums[sample])) }
                    }
                }
            }
        }
        return Image(validWidth: width, height: outHeight, layout: layout, pixels: out)
    }

    /// PIL's nearest resize (`ImagingScaleAffine`): source coordinate accumulated in doubles
    /// from `box.x0 + step / 2` by `step` per output pixel, then truncated.
    private func nearestResampled(width: Int, height: Int, box: ResampleBox) -> Image {
        func sourceIndices(count: Int, start: Float, end: Float, limit: Int) -> [Int] {
            let step = Double(end - start) / Double(count)
            var position = Double(start) + step * 0.5
            var indices = [Int]()
            indices.reserveCapacity(count)
            for _ in 0..<count {
                indices.append(min(max(Int(position), 0), limit - 1))
                position += step
            }
            return indices
        }
        let columns = sourceIndices(count: width, start: box.x0, end: box.x1, limit: self.width)
        let rows = sourceIndices(count: height, start: box.y0, end: box.y1, limit: self.height)
        let c = channels
        var out = [UInt8](repeating: 0, count: width * height * c)
        for (y, sourceY) in rows.enumerated() {
            for (x, sourceX) in columns.enumerated() {
                let from = (sourceY * self.width + sourceX) * c
                for channel in 0..<c { out[(y * width + x) * c + channel] = pixels[from + channel] }
            }
        }
        return Image(validWidth: width, height: height, layout: layout, pixels: out)
    }

    /// PIL's RGBA→RGBa / LA→La: colour times alpha / 255, rounded (`MULDIV255`).
    func premultiplied() -> Image {
        var out = pixels
        let c = channels
        for index in 0..<width * height {
            let alpha = Int(pixels[index * c + c - 1])
            for channel in 0..<c - 1 {
                out[index * c + channel] = UInt8(Self.divide255(Int(pixels[index * c + channel]) * alpha))
            }
        }
        return Image(validWidth: width, height: height, layout: layout, pixels: out)
    }

    /// PIL's RGBa→RGBA / La→LA: colour × 255 / alpha, truncated and clamped; alpha 0 or 255
    /// leaves the colour as it is.
    func unpremultiplied() -> Image {
        var out = pixels
        let c = channels
        for index in 0..<width * height {
            let alpha = Int(pixels[index * c + c - 1])
            guard alpha != 0, alpha != 255 else { continue }
            for channel in 0..<c - 1 {
                out[index * c + channel] = UInt8(min(255 * Int(pixels[index * c + channel]) / alpha, 255))
            }
        }
        return Image(validWidth: width, height: height, layout: layout, pixels: out)
    }
}
