import ArgumentParser
import Foundation
import Tensor

extension Precision: ExpressibleByArgument {}
extension WeightStorage: ExpressibleByArgument {}

/// `sdserve bench kernels`: GFLOP/s of CPUBackend's conv, linear and attention at SD1.5 UNet
/// shapes, beside the machine's peak.
struct BenchKernelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kernels",
        abstract: "GFLOP/s of conv3x3, linear and attention at SD1.5 UNet shapes, with the machine's peak.")

    @Option(help: "fp32 or bf16 (default: both; bf16 only where the CPU has bf16 instructions).")
    var precision: Precision?

    @Flag(help: "One JSON object per measurement per line.")
    var json = false

    @Option(help: "Minimum seconds spent timing each kernel.")
    var seconds: Double = 1.0

    func run() throws {
        let machine = CPUMachine.current
        if !json {
            print("CPU: \(machine.isa), \(machine.cores) cores, \(machine.library)")
            print(machine.peakDerivation)
        }
        for precision in precision.map({ [$0] }) ?? Precision.allCases {
            guard precision == .fp32 || machine.hasNativeBF16 else {
                let note = "bf16 skipped: this CPU (\(machine.isa)) has no AVX512_BF16 or AMX; CPUBackend would emulate bf16 at fp32 speed"
                print(json ? jsonLine(["name": "all", "precision": "bf16", "skipped": note]) : note)
                continue
            }
            let peak = precision == .fp32 ? machine.fp32PeakGFLOPS : (machine.bf16PeakGFLOPS ?? machine.fp32PeakGFLOPS)
            let backend = try CPUBackend(precision: precision)
            if !json { print("\n\(precision.rawValue) (peak \(Int(peak)) GFLOP/s)") }
            defer {
                if !json { print("  oneDNN implementations: \(backend.dispatchedImplementations.sorted().joined(separator: ", "))") }
            }
            for benchmark in try KernelBenchmark.sd15(on: backend) {
                let (best, median, cpuSeconds) = try benchmark.measure(minimumSeconds: seconds)
                let gflops = benchmark.flops / best / 1e9
                // What the rate would be with all cores to itself: FLOPs per CPU second × cores.
                let cpuGflops = benchmark.flops / cpuSeconds / 1e9 * Double(machine.cores)
                if json {
                    print(jsonLine([
                        "name": benchmark.name, "precision": precision.rawValue, "tflops": gflops / 1000, "seconds": best,
                        "cpu_seconds": cpuSeconds, "peak_rss_bytes": peakResidentBytes(),
                    ]))
                } else {
                    print(String(
                        format: "  %@\n      %7.1f GFLOP/s wall (%4.1f%% of peak), best %.4f s, median %.4f s; %7.1f GFLOP/s per CPU time × cores (%4.1f%%)",
                        benchmark.name, gflops, 100 * gflops / peak, best, median, cpuGflops, 100 * cpuGflops / peak))
                }
            }
        }
        if !json { print("\npeak RSS \(peakResidentBytes() / 1_048_576) MiB") }
    }

    private func jsonLine(_ object: [String: Any]) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
