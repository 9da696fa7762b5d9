/// The 32-bit Mersenne Twister (MT19937) seeded the way PyTorch's CPU generator seeds it
/// (`init_genrand` with the low 32 bits of the 64-bit seed). See torch-randn.md §1–§2.
struct MersenneTwister: Sendable {
    private static let stateSize = 624
    private static let shift = 397

    private var state: [UInt32]
    private var position: Int

    init(seed: UInt64) {
        var state = [UInt32](repeating: 0, count: Self.stateSize)
        state[0] = UInt32(truncatingIfNeeded: seed)
        for i in 1..<Self.stateSize {
            let previous = state[i - 1]
            state[i] = 1_812_433_253 &* (previous ^ (previous >> 30)) &+ UInt32(i)
        }
        self.state = state
        self.position = Self.stateSize
    }

    /// One tempered 32-bit word (`CPUGeneratorImpl::random`).
    mutating func nextUInt32() -> UInt32 {
        if position == Self.stateSize { regenerate() }
        var y = state[position]
        position += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9D2C_5680
        y ^= (y << 15) & 0xEFC6_0000
        y ^= y >> 18
        return y
    }

    /// Two words, the first one high (`CPUGeneratorImpl::random64`).
    mutating func nextUInt64() -> UInt64 {
        let high = UInt64(nextUInt32())
        let low = UInt64(nextUInt32())
        return (high << 32) | low
    }

    private mutating func regenerate() {
        let n = Self.stateSize
        let m = Self.shift
        func twist(_ u: UInt32, _ v: UInt32) -> UInt32 {
            (((u & 0x8000_0000) | (v & 0x7FFF_FFFF)) >> 1) ^ ((v & 1) == 0 ? 0 : 0x9908_B0DF)
        }
        for i in 0..<(n - m) {
            state[i] = state[i + m] ^ twist(state[i], state[i + 1])
        }
        for i in (n - m)..<(n - 1) {
            state[i] = state[i + m - n] ^ twist(state[i], state[i + 1])
        }
        state[n - 1] = state[m - 1] ^ twist(state[n - 1], state[0])
        position = 0
    }
}
