extension Tensor {
    /// Uniform values in `range` from a seeded SplitMix64 stream: reproducible inputs for tests
    /// and benchmarks. Not PyTorch's generator (sampling noise uses its own torch-compatible one).
    public static func seededUniform(_ shape: [Int], seed: UInt64, in range: ClosedRange<Float> = -1...1) -> Tensor {
        let result = Tensor(zeros: shape)
        let values = result.rawPointer.assumingMemoryBound(to: Float.self)
        var state = seed
        for i in 0..<result.count {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            let unit = Float(z >> 40) / Float(1 << 24)
            values[i] = range.lowerBound + unit * (range.upperBound - range.lowerBound)
        }
        return result
    }
}
