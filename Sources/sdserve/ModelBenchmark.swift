import ArgumentParser
import Checkpoint
import Diffusion
import Foundation
import Tensor

/// Options and plumbing shared by `bench unet` and `bench vae`: which full-size model, which
/// precision, where its weights come from, and how a measurement is printed.
struct ModelBenchmarkOptions: ParsableArguments {
    @Option(help: "Architecture: sd15 (512×512) or sdxl (1024×1024).")
    var arch: String = "sd15"

    @Option(help: "fp32 or bf16 (default: the machine's best).")
    var precision: String?

    @Option(help: "A checkpoint from `sdserve make-test-model --arch sd15|sdxl` (default: write random weights to a temporary file).")
    var model: String?

    @Option(help: "Untimed runs before the timed one (the first run creates kernel plans).")
    var warmup: Int = 1

    @Flag(help: "One JSON object per measurement per line.")
    var json = false

    /// The preset and the image side in pixels.
    func preset() throws -> (preset: ModelPreset, pixels: Int) {
        switch arch {
        case "sd15": (.sd15, 512)
        case "sdxl": (.sdxl, 1024)
        default: throw ValidationError("--arch must be sd15 or sdxl, not '\(arch)'")
        }
    }

    func backend() throws -> CPUBackend {
        guard let precision else { return try CPUBackend() }
        guard let chosen = Precision(rawValue: precision) else {
            throw ValidationError("--precision must be fp32 or bf16, not '\(precision)'")
        }
        return try CPUBackend(precision: chosen)
    }

    /// The canonical tensors of the model, memory-mapped; a temporary random checkpoint is
    /// removed again when `body` returns.
    func withSource<T>(_ body: (any TensorSource, DetectedModel) throws -> T) throws -> T {
        let (preset, _) = try preset()
        if let model {
            let source = try Canonicalizer.canonicalize(try ModelFileReader.open(model))
            return try body(source, try ModelDetector.detect(source))
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sdserve-bench-\(arch)-\(getpid()).safetensors").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        if !json { print("writing random \(preset.rawValue) weights (f16) to \(path)") }
        try TestModelWriter.write(preset, to: path, dtype: .f16)
        return try body(try SafetensorsFile(path: path), preset.model)
    }

    /// Runs `work` `warmup` times untimed, then once timed, and prints the result.
    func measure(_ name: String, precision: Precision, _ work: () throws -> Void) throws {
        for _ in 0..<warmup { try work() }
        let start = DispatchTime.now().uptimeNanoseconds
        try work()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let rss = BenchmarkMemory.peakResidentBytes()
        if json {
            let object: [String: Any] = ["name": name, "precision": precision.rawValue, "seconds": seconds, "peak_rss_bytes": rss]
            let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        } else {
            print(String(format: "%@ (%@): %.3f s, peak RSS %.2f GiB", name, precision.rawValue, seconds, Double(rss) / 1_073_741_824))
        }
    }
}

enum BenchmarkMemory {
    /// The process's peak resident set (`VmHWM` in /proc/self/status), in bytes; 0 where unavailable.
    static func peakResidentBytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kilobytes = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
        else { return 0 }
        return kilobytes * 1024
    }
}

/// Deterministic inputs of order 1 for the model benchmarks (their values do not affect speed).
func benchmarkInput(_ shape: [Int], seed: Int) throws -> Tensor {
    let count = shape.reduce(1, *)
    return try Tensor(shape: shape, values: (0..<count).map { Float(sin(Double($0 &* 7919 &+ seed * 104_729))) })
}
