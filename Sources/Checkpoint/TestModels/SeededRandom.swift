/// A small, fast, seedable generator (SplitMix64) for test weights; not torch-compatible.
struct SeededRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [-bound, bound).
    mutating func uniform(_ bound: Float) -> Float {
        Float(next() >> 40) / Float(1 << 24) * 2 * bound - bound
    }

    /// A generator for one named tensor, so each tensor's values depend only on seed and name.
    static func forTensor(_ name: String, seed: UInt64) -> SeededRandom {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in name.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        return SeededRandom(seed: seed ^ hash)
    }
}
