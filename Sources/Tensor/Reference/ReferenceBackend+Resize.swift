extension ReferenceBackend {
    public func resizeNearest(_ x: Tensor, height: Int, width: Int) throws -> Tensor {
        let (planes, inH, inW) = try Self.planes(x, height: height, width: width, op: "resizeNearest")
        let scaleH = Float(inH) / Float(height), scaleW = Float(inW) / Float(width)
        let xs = x.floats()
        var out = [Float](repeating: 0, count: planes * height * width)
        for p in 0..<planes {
            for y in 0..<height {
                let sy = min(Int((Float(y) * scaleH).rounded(.down)), inH - 1)
                for xo in 0..<width {
                    let sx = min(Int((Float(xo) * scaleW).rounded(.down)), inW - 1)
                    out[(p * height + y) * width + xo] = xs[(p * inH + sy) * inW + sx]
                }
            }
        }
        return try output(Array(x.shape.prefix(2)) + [height, width], out)
    }

    public func resize(_ x: Tensor, height: Int, width: Int, mode: ResizeMode) throws -> Tensor {
        let (planes, inH, inW) = try Self.planes(x, height: height, width: width, op: "resize")
        let rows = (0..<height).map { Self.taps(dst: $0, inSize: inH, outSize: height, mode: mode) }
        let cols = (0..<width).map { Self.taps(dst: $0, inSize: inW, outSize: width, mode: mode) }
        let xs = x.floats()
        var out = [Float](repeating: 0, count: planes * height * width)
        for p in 0..<planes {
            for y in 0..<height {
                for xo in 0..<width {
                    var sum = 0.0
                    for (sy, wy) in rows[y] {
                        for (sx, wx) in cols[xo] { sum += wy * wx * Double(xs[(p * inH + sy) * inW + sx]) }
                    }
                    out[(p * height + y) * width + xo] = Float(sum)
                }
            }
        }
        return try output(Array(x.shape.prefix(2)) + [height, width], out)
    }

    /// Source indices and weights for output index `dst`, following PyTorch's
    /// `align_corners=False` source coordinate `(dst + 0.5) · in/out - 0.5`.
    static func taps(dst: Int, inSize: Int, outSize: Int, mode: ResizeMode) -> [(Int, Double)] {
        let scale = Double(inSize) / Double(outSize)
        let source = (Double(dst) + 0.5) * scale - 0.5
        switch mode {
        case .bilinear:
            let clamped = max(source, 0)
            let i0 = Int(clamped)
            let i1 = min(i0 + 1, inSize - 1)
            let t = clamped - Double(i0)
            return [(i0, 1 - t), (i1, t)]
        case .bicubic:
            let i0 = Int(source.rounded(.down))
            let t = source - Double(i0)
            let weights = [cubic(t + 1, outer: true), cubic(t, outer: false),
                           cubic(1 - t, outer: false), cubic(2 - t, outer: true)]
            return (0..<4).map { (min(max(i0 - 1 + $0, 0), inSize - 1), weights[$0]) }
        }
    }

    /// Keys' cubic convolution kernel with A = -0.75 at distance `d` (inner: |d| ≤ 1).
    static func cubic(_ d: Double, outer: Bool) -> Double {
        let a = -0.75
        if outer { return ((a * d - 5 * a) * d + 8 * a) * d - 4 * a }
        return ((a + 2) * d - (a + 3)) * d * d + 1
    }

    static func planes(_ x: Tensor, height: Int, width: Int, op: String) throws -> (Int, Int, Int) {
        guard x.rank == 4, height > 0, width > 0, x.shape[2] > 0, x.shape[3] > 0 else {
            throw TensorError.invalidArgument(op: op, reason: "expected NCHW input and a positive size, got \(x.shape) -> \(height)x\(width)")
        }
        return (x.shape[0] * x.shape[1], x.shape[2], x.shape[3])
    }
}
