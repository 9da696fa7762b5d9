extension ReferenceBackend {
    public func conv2d(_ x: Tensor, weight: PreparedWeight, bias: Tensor?, options: Conv2DOptions) throws -> Tensor {
        let w = weight.original
        guard x.rank == 4, w.rank == 4, x.shape[1] == w.shape[1] else {
            throw TensorError.shapeMismatch(op: "conv2d", expected: [x.shape.first ?? 0, w.shape[1], -1, -1], got: x.shape)
        }
        guard options.strideH > 0, options.strideW > 0, options.padH >= 0, options.padW >= 0 else {
            throw TensorError.invalidArgument(op: "conv2d", reason: "bad options \(options)")
        }
        let (n, inC, h, wid) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let (outC, kH, kW) = (w.shape[0], w.shape[2], w.shape[3])
        let circular = options.paddingMode == .circular
        if circular, options.padH > h || options.padW > wid {
            throw TensorError.invalidArgument(op: "conv2d", reason: "circular padding \(options) wider than the input \(x.shape)")
        }
        let outH = (h + 2 * options.padH - kH) / options.strideH + 1
        let outW = (wid + 2 * options.padW - kW) / options.strideW + 1
        guard outH > 0, outW > 0 else {
            throw TensorError.invalidArgument(op: "conv2d", reason: "kernel \(kH)x\(kW) larger than padded input \(x.shape)")
        }
        let xs = x.floats(), ws = w.floats()
        let b = try vector(bias, count: outC, op: "conv2d bias")
        var out = [Float](repeating: 0, count: n * outC * outH * outW)
        for img in 0..<n {
            for oc in 0..<outC {
                for oy in 0..<outH {
                    for ox in 0..<outW {
                        var sum = Double(b?[oc] ?? 0)
                        for ic in 0..<inC {
                            for ky in 0..<kH {
                                var iy = oy * options.strideH - options.padH + ky
                                if circular { iy = (iy + h) % h } else if iy < 0 || iy >= h { continue }
                                for kx in 0..<kW {
                                    var ix = ox * options.strideW - options.padW + kx
                                    if circular { ix = (ix + wid) % wid } else if ix < 0 || ix >= wid { continue }
                                    let xv = xs[((img * inC + ic) * h + iy) * wid + ix]
                                    let wv = ws[((oc * inC + ic) * kH + ky) * kW + kx]
                                    sum += Double(xv) * Double(wv)
                                }
                            }
                        }
                        out[((img * outC + oc) * outH + oy) * outW + ox] = Float(sum)
                    }
                }
            }
        }
        return try output([n, outC, outH, outW], out)
    }
}
