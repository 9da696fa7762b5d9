/// NumPy's `np.random.SeedSequence` (entropy pool hashing), which torchsde uses to derive the
/// seeds of every node of its Brownian tree.
struct SeedSequence {
    private static let initA: UInt32 = 0x43B0_D7E5, multA: UInt32 = 0x931E_8875
    private static let initB: UInt32 = 0x8B51_F9DD, multB: UInt32 = 0x58F3_8DED
    private static let mixMultL: UInt32 = 0xCA01_F9DD, mixMultR: UInt32 = 0x4973_F715

    private(set) var pool: [UInt32]

    init(entropy: UInt64, spawnKey: [UInt64] = [], poolSize: Int = 4) {
        var run = Self.words(entropy)
        let spawn = spawnKey.flatMap(Self.words)
        if !spawn.isEmpty, run.count < poolSize { run += Array(repeating: 0, count: poolSize - run.count) }
        pool = Self.mix(entropy: run + spawn, poolSize: poolSize)
    }

    func generateState(_ count: Int) -> [UInt32] {
        var hashConst = Self.initB
        return (0..<count).map { i in
            var value = pool[i % pool.count]
            value ^= hashConst
            hashConst = hashConst &* Self.multB
            value = value &* hashConst
            return value ^ (value >> 16)
        }
    }

    /// A non-negative integer as little-endian 32-bit words (0 is one zero word).
    private static func words(_ value: UInt64) -> [UInt32] {
        value >> 32 == 0 ? [UInt32(value)] : [UInt32(truncatingIfNeeded: value), UInt32(value >> 32)]
    }

    private static func mix(entropy: [UInt32], poolSize: Int) -> [UInt32] {
        var hashConst = initA
        func hashMix(_ input: UInt32) -> UInt32 {
            var value = input ^ hashConst
            hashConst = hashConst &* multA
            value = value &* hashConst
            return value ^ (value >> 16)
        }
        func mix(_ x: UInt32, _ y: UInt32) -> UInt32 {
            let result = mixMultL &* x &- mixMultR &* y
            return result ^ (result >> 16)
        }
        var mixer = (0..<poolSize).map { hashMix($0 < entropy.count ? entropy[$0] : 0) }
        for source in 0..<poolSize {
            for destination in 0..<poolSize where source != destination {
                mixer[destination] = mix(mixer[destination], hashMix(mixer[source]))
            }
        }
        for source in poolSize..<max(entropy.count, poolSize) {
            for destination in 0..<poolSize {
                mixer[destination] = mix(mixer[destination], hashMix(entropy[source]))
            }
        }
        return mixer
    }
}
