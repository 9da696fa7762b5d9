import Foundation

/// A1111's `rng_philox.Generator` ("NV" noise source): element i of the k-th call is the sine
/// output of Philox4x32-10 at counter (k, 0, i, 0) with key (seed low, seed high), evaluated in
/// double with float32-rounded constants as numpy does there (torch-randn.md §11).
public struct PhiloxGenerator: NormalGenerator {
    private let key: (UInt32, UInt32)
    private var offset: UInt32 = 0

    private static let multipliers: (UInt32, UInt32) = (0xD251_1F53, 0xCD9E_8D57)
    private static let keyIncrements: (UInt32, UInt32) = (0x9E37_79B9, 0xBB67_AE85)
    private static let twoPow32Inverse = Double(Float(2.3283064e-10))
    private static let twoPow32InverseTwoPi = Double(Float(2.3283064e-10 * 6.2831855))

    public init(seed: UInt64) {
        key = (UInt32(truncatingIfNeeded: seed), UInt32(truncatingIfNeeded: seed >> 32))
    }

    public mutating func normal(count: Int) -> [Float] {
        defer { offset &+= 1 }
        return (0..<count).map { index in
            let (x, y) = Self.philox(counter: (offset, 0, UInt32(truncatingIfNeeded: index), 0), key: key)
            let u = Double(x) * Self.twoPow32Inverse + Self.twoPow32Inverse / 2
            let v = Double(y) * Self.twoPow32InverseTwoPi + Self.twoPow32InverseTwoPi / 2
            return Float((-2 * Foundation.log(u)).squareRoot() * Foundation.sin(v))
        }
    }

    /// Ten Philox rounds; returns the first two output words (A1111 discards the other two).
    private static func philox(
        counter start: (UInt32, UInt32, UInt32, UInt32), key startKey: (UInt32, UInt32)
    ) -> (UInt32, UInt32) {
        var c = start
        var k = startKey
        for round in 0..<10 {
            let p0 = UInt64(multipliers.0) * UInt64(c.0)
            let p1 = UInt64(multipliers.1) * UInt64(c.2)
            c = (
                UInt32(truncatingIfNeeded: p1 >> 32) ^ c.1 ^ k.0, UInt32(truncatingIfNeeded: p1),
                UInt32(truncatingIfNeeded: p0 >> 32) ^ c.3 ^ k.1, UInt32(truncatingIfNeeded: p0)
            )
            if round < 9 { k = (k.0 &+ keyIncrements.0, k.1 &+ keyIncrements.1) }
        }
        return (c.0, c.1)
    }
}
