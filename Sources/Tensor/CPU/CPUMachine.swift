import CDNNL
import CKernels
import Foundation

/// What this CPU can do, detected at run time: the instruction set oneDNN dispatches to, the
/// core count, the clock, and the peak FLOP rates that follow from them.
public struct CPUMachine: Sendable {
    /// oneDNN's effective ISA, e.g. "avx2", "avx512_core", "avx512_core_amx".
    public let isa: String
    public let cores: Int
    /// Core clock in GHz, measured on first use with a dependent-add chain (falls back to
    /// /proc/cpuinfo).
    public var gigahertz: Double { Self.clock.gigahertz }
    public var clockSource: String { Self.clock.source }
    private static let clock = measureClock()
    /// bf16 instructions the primitives can use: AVX512_BF16 or AMX.
    public let hasNativeBF16: Bool
    public let hasAMX: Bool
    /// f32 lanes per vector register (8 for AVX2, 16 for AVX-512).
    public let fp32Lanes: Int
    /// oneDNN's version and threading runtime, e.g. "oneDNN 2.6.3 (OpenMP)".
    public let library: String

    /// The machine this process runs on (measured once).
    public static let current = CPUMachine()

    private init() {
        let isaValue = dnnl_get_effective_cpu_isa()
        isa = Self.name(of: isaValue)
        cores = ProcessInfo.processInfo.activeProcessorCount
        hasAMX = isaValue == dnnl_cpu_isa_avx512_core_amx
        hasNativeBF16 = hasAMX || isaValue == dnnl_cpu_isa_avx512_core_bf16
        fp32Lanes = isa.hasPrefix("avx512") ? 16 : (isa.hasPrefix("avx") ? 8 : 4)
        let version = dnnl_version().pointee
        let runtime = switch version.cpu_runtime {
        case UInt32(DNNL_RUNTIME_OMP): "OpenMP"
        case UInt32(DNNL_RUNTIME_TBB): "TBB"
        case UInt32(DNNL_RUNTIME_SEQ): "sequential"
        default: "threadpool"
        }
        library = "oneDNN \(version.major).\(version.minor).\(version.patch) (\(runtime))"
    }

    /// Peak f32 FLOP/s: cores × 2 FMA units × lanes × 2 FLOP per FMA × clock.
    public var fp32PeakGFLOPS: Double { Double(cores * 2 * fp32Lanes * 2) * gigahertz }

    /// Theoretical bf16 peak where the CPU has bf16 instructions: AMX 1024 FLOP/cycle/core,
    /// AVX512_BF16 twice the f32 rate. Nil without them.
    public var bf16PeakGFLOPS: Double? {
        if hasAMX { return Double(cores * 1024) * gigahertz }
        if hasNativeBF16 { return 2 * fp32PeakGFLOPS }
        return nil
    }

    /// The default precision: bf16 only where the CPU multiplies bf16 natively.
    public var defaultPrecision: Precision { hasNativeBF16 ? .bf16 : .fp32 }

    /// How the peaks were computed, for benchmark output.
    public var peakDerivation: String {
        var text = "fp32 peak = \(cores) cores × 2 FMA units × \(fp32Lanes) lanes × 2 FLOP × "
            + String(format: "%.2f GHz (%@) = %.0f GFLOP/s", gigahertz, clockSource, fp32PeakGFLOPS)
        if let bf16 = bf16PeakGFLOPS {
            text += hasAMX
                ? String(format: "; bf16 peak (AMX) = %d cores × 1024 FLOP/cycle × %.2f GHz = %.0f GFLOP/s", cores, gigahertz, bf16)
                : String(format: "; bf16 peak (AVX512_BF16) = 2 × fp32 = %.0f GFLOP/s", bf16)
        } else {
            text += "; no bf16 instructions (no AVX512_BF16/AMX): bf16 runs emulated at fp32 speed"
        }
        return text
    }

    private static func measureClock() -> (gigahertz: Double, source: String) {
        let adds = 100_000_000
        var best = Double.infinity
        for _ in 0..<3 {
            let start = DispatchTime.now().uptimeNanoseconds
            let sink = ck_dependent_adds(adds)
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            if sink == adds { best = min(best, elapsed) }
        }
        #if arch(x86_64)
        if best.isFinite, best > 0 { return (Double(adds) / best / 1e9, "measured, dependent adds") }
        #endif
        return (cpuinfoMegahertz() / 1000, "/proc/cpuinfo")
    }

    private static func cpuinfoMegahertz() -> Double {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("cpu MHz") }),
              let value = line.split(separator: ":").last.flatMap({ Double($0.trimmingCharacters(in: .whitespaces)) })
        else { return 2000 }
        return value
    }

    private static func name(of isa: dnnl_cpu_isa_t) -> String {
        switch isa {
        case dnnl_cpu_isa_avx512_core_amx: "avx512_core_amx"
        case dnnl_cpu_isa_avx512_core_bf16: "avx512_core_bf16"
        case dnnl_cpu_isa_avx512_core_vnni: "avx512_core_vnni"
        case dnnl_cpu_isa_avx512_core: "avx512_core"
        case dnnl_cpu_isa_avx2_vnni: "avx2_vnni"
        case dnnl_cpu_isa_avx2: "avx2"
        case dnnl_cpu_isa_avx: "avx"
        case dnnl_cpu_isa_sse41: "sse41"
        default: "isa 0x\(String(isa.rawValue, radix: 16))"
        }
    }
}
