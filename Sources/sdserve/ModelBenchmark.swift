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

    @Option(help: "compact (16-bit weights widened per call) or widened (f32 weights).")
    var weightStorage: WeightStorage = .compact

    @Option(help: "A checkpoint from `sdserve make-test-model --arch sd15|sdxl` (default: write random weights to a temporary file).")
    var model: String?

    @Option(help: "Untimed runs before the timed one (the first run creates kernel plans).")
    var warmup: Int = 1

    @Option(help: "Timed rounds; with a baseline, each round runs sdserve then PyTorch (interleaved).")
    var rounds = 1

    @Option(help: "A Python with torch and diffusers (tools/bench/requirements.txt): time the same model in PyTorch, fp32 and bf16 autocast, alternating with sdserve's runs.")
    var baselinePython: String?

    @Option(help: "PyTorch variants to time: fp32 and/or bf16 (torch.autocast); bf16 is very slow on CPUs without native bf16.")
    var baselineVariants = "fp32,bf16"

    @Option(help: "The PyTorch peer script.")
    var baselineScript = "tools/bench/diffusers_baseline.py"

    @Flag(help: "One JSON object per measurement per line.")
    var json = false

    func validate() throws {
        for variant in peerVariants where !PyTorchPeer.variants.contains(variant) {
            throw ValidationError("--baseline-variants takes fp32 and/or bf16, not '\(variant)'")
        }
    }

    /// The preset and the image side in pixels.
    func preset() throws -> (preset: ModelPreset, pixels: Int) {
        switch arch {
        case "sd15": (.sd15, 512)
        case "sdxl": (.sdxl, 1024)
        default: throw ValidationError("--arch must be sd15 or sdxl, not '\(arch)'")
        }
    }

    func backend() throws -> CPUBackend {
        guard let precision else { return try CPUBackend(weightStorage: weightStorage) }
        guard let chosen = Precision(rawValue: precision) else {
            throw ValidationError("--precision must be fp32 or bf16, not '\(precision)'")
        }
        return try CPUBackend(precision: chosen, weightStorage: weightStorage)
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

    /// Runs `work` `warmup` times untimed, then `rounds` times timed, each round followed by
    /// the PyTorch peer's fp32 and bf16-autocast runs when `--baseline-python` is given and
    /// `peer` names the workload; prints every run and then sdserve's speed-up per peer variant.
    func measure(
        _ name: String, precision: Precision, peer workload: PyTorchPeer.Workload? = nil, _ work: () throws -> Void
    ) throws {
        let peer = try baselinePython.flatMap { python in
            try workload.map { try PyTorchPeer(python: python, script: baselineScript, workload: $0, arch: arch) }
        }
        for _ in 0..<warmup { try work() }
        var ours: [BenchmarkMeasurement] = []
        var peers: [String: [BenchmarkMeasurement]] = [:]
        for _ in 0..<max(rounds, 1) {
            let run = try BenchmarkMeasurement.timing(name, precision: precision.rawValue, work)
            try run.printed(json: json)
            ours.append(run)
            for variant in peerVariants {
                guard let peer else { break }
                let peerRun = try peer.measure(variant)
                try peerRun.printed(json: json)
                peers[variant, default: []].append(peerRun)
            }
        }
        for variant in peerVariants {
            guard let runs = peers[variant] else { continue }
            try BenchmarkComparison(ours: ours, peer: runs).printed(json: json)
        }
    }

    /// PyTorch in fp32 and/or under bf16 autocast, as the model issues compare against.
    private var peerVariants: [String] {
        baselineVariants.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    }
}

/// Deterministic inputs of order 1 for the model benchmarks (their values do not affect speed).
func benchmarkInput(_ shape: [Int], seed: Int) throws -> Tensor {
    let count = shape.reduce(1, *)
    return try Tensor(shape: shape, values: (0..<count).map { Float(sin(Double($0 &* 7919 &+ seed * 104_729))) })
}
