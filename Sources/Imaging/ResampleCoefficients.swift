/// The per-output-pixel filter taps PIL computes for one axis (`precompute_coeffs` and
/// `normalize_coeffs_8bpc` in Resample.c): the kernel widens by the scale when downsampling
/// (that is PIL's antialiasing), taps are normalised to sum 1, then stored in 22-bit fixed point.
struct ResampleCoefficients {
    /// Fractional bits of the fixed-point taps: 32 - 8 - 2.
    static let precisionBits = 22

    /// First source index and number of taps for each output index.
    let starts: [Int]
    let counts: [Int]
    /// Taps for output index `i` are `taps[i * kernelSize ..< i * kernelSize + counts[i]]`.
    let taps: [Int32]
    let kernelSize: Int

    /// Taps mapping the source span `[from, to)` of an axis of `inputSize` pixels onto
    /// `outputSize` pixels. PIL receives the box as C floats, hence the `Float` bounds.
    init(inputSize: Int, from start: Float, to end: Float, outputSize: Int, filter: ResampleFilter) {
        let scale = Double(end - start) / Double(outputSize)
        let filterScale = max(scale, 1)
        let support = filter.support * filterScale
        let kernelSize = Int(support.rounded(.up)) * 2 + 1
        var starts = [Int](repeating: 0, count: outputSize)
        var counts = [Int](repeating: 0, count: outputSize)
        var taps = [Int32](repeating: 0, count: outputSize * kernelSize)
        var weights = [Double](repeating: 0, count: kernelSize)
        let inverseScale = 1 / filterScale
        for index in 0..<outputSize {
            let center = Double(start) + (Double(index) + 0.5) * scale
            // Int() truncates toward zero exactly as C's (int) cast in Resample.c.
            let first = max(Int(center - support + 0.5), 0)
            let last = min(Int(center + support + 0.5), inputSize)
            let count = max(last - first, 0)
            var total = 0.0
            for tap in 0..<count {
                let weight = filter.weight((Double(tap + first) - center + 0.5) * inverseScale)
                weights[tap] = weight
                total += weight
            }
            for tap in 0..<count {
                let normalised = total != 0 ? weights[tap] / total : weights[tap]
                let fixed = normalised * Double(1 << Self.precisionBits)
                taps[index * kernelSize + tap] = Int32(fixed < 0 ? fixed - 0.5 : fixed + 0.5)
            }
            starts[index] = first
            counts[index] = count
        }
        self.starts = starts
        self.counts = counts
        self.taps = taps
        self.kernelSize = kernelSize
    }

    /// PIL's `clip8`: drop the fixed-point fraction of an accumulated sum and clamp to a byte.
    @inline(__always)
    static func clip8(_ sum: Int) -> UInt8 {
        if sum >= (1 << precisionBits) << 8 { return 255 }
        if sum <= 0 { return 0 }
        return UInt8(truncatingIfNeeded: sum >> precisionBits)
    }

    /// The rounding bias every accumulation starts from: one half in fixed point.
    static let half = 1 << (precisionBits - 1)
}
