import Foundation

/// A bit-exact port of `torch.Generator("cpu")` for `torch.randn(..., dtype=float32)`:
/// MT19937, 24-bit float uniforms, the 16-wide Box–Muller fill for 16+ elements and the cached
/// double-precision path below 16 (torch-randn.md §3–§5). Successive calls continue the stream
/// exactly as successive `torch.randn(shape, generator=g)` calls do.
public struct TorchGenerator: NormalGenerator {
    public let kernel: TorchCPUKernel
    private var engine: MersenneTwister
    private var cachedNormal: Double?

    /// `torch.Generator().manual_seed(seed)`: a negative seed is passed as its 64-bit two's
    /// complement (`UInt64(bitPattern:)`); only the low 32 bits reach the engine.
    public init(seed: UInt64, kernel: TorchCPUKernel = .x86AVX2) {
        self.kernel = kernel
        self.engine = MersenneTwister(seed: seed)
        self.cachedNormal = nil
    }

    /// `torch.randn(count)` (any shape with this many elements, row-major).
    public mutating func normal(count: Int) -> [Float] {
        guard count > 0 else { return [] }
        if count < 16 {
            return (0..<count).map { _ in Float(nextNormalDouble()) }
        }
        var data = (0..<count).map { _ in nextUniformFloat() }
        for block in 0..<(count / 16) {
            kernel.boxMuller16(&data, at: block * 16)
        }
        if count % 16 != 0 {
            // torch redraws and retransforms the last 16 slots; the overlap takes the new values.
            let base = count - 16
            for i in 0..<16 { data[base + i] = nextUniformFloat() }
            kernel.boxMuller16(&data, at: base)
        }
        return data
    }

    private mutating func nextUniformFloat() -> Float {
        Float(engine.nextUInt32() & 0xFF_FFFF) * 0x1p-24
    }

    private mutating func nextUniformDouble() -> Double {
        Double(engine.nextUInt64() & ((1 << 53) - 1)) * 0x1p-53
    }

    private mutating func nextNormalDouble() -> Double {
        if let cached = cachedNormal {
            cachedNormal = nil
            return cached
        }
        let angleUniform = nextUniformDouble()
        let radiusUniform = nextUniformDouble()
        let radius = (-2 * Foundation.log1p(-radiusUniform)).squareRoot()
        let theta = 2 * Double.pi * angleUniform
        cachedNormal = radius * Foundation.sin(theta)
        return radius * Foundation.cos(theta)
    }
}
