#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which of PyTorch's float32 Box–Muller kernels to reproduce for tensors of 16+ elements
/// (torch-randn.md §6–§7). They differ in about 39 % of elements by up to ~2e-6.
public enum TorchCPUKernel: String, Sendable, CaseIterable {
    /// x86-64 with AVX2 (any modern Intel/AMD), Linux wheels: Cephes polynomials with FMA.
    /// The default: it matches most ComfyUI/A1111 machines and is reproducible on any CPU.
    case x86AVX2
    /// The same AVX2 kernel as the Windows wheel compiles it (no FMA contraction). Emulation
    /// checked against torch's Windows disassembly only, not against a run.
    case x86AVX2WindowsNoFMA
    /// torch's scalar kernel (ARM64, non-AVX2 x86) using this platform's libm `logf/cosf/sinf`.
    /// Bit-exact with torch on the same OS (glibc on Linux).
    case scalarPlatformLibm

    /// Transforms one block of 16 uniforms in place: element j pairs with j + 8.
    func boxMuller16(_ block: inout [Float], at base: Int) {
        for j in 0..<8 {
            let u1 = 1 - block[base + j]
            let u2 = block[base + j + 8]
            let (radius, cosine, sine): (Float, Float, Float)
            switch self {
            case .x86AVX2:
                (radius, cosine, sine) = CephesAVX2.radiusCosSin(u1: u1, u2: u2, fused: true)
            case .x86AVX2WindowsNoFMA:
                (radius, cosine, sine) = CephesAVX2.radiusCosSin(u1: u1, u2: u2, fused: false)
            case .scalarPlatformLibm:
                let theta = Float(2 * Double.pi * Double(u2))
                radius = (-2 * logf(u1)).squareRoot()
                cosine = cosf(theta)
                sine = sinf(theta)
            }
            // `+ 0` turns -0 into +0 as torch's final fma(n, std=1, mean=0) does.
            block[base + j] = radius * cosine + 0
            block[base + j + 8] = radius * sine + 0
        }
    }
}
