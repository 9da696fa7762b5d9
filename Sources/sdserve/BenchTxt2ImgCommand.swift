import ArgumentParser
import Checkpoint
import Foundation
import Logging
import SDAPI
import Tensor

/// `sdserve bench txt2img`: one full-size generation through the real HTTP API (server in this
/// process, a loopback client), with the server's own share of the time — everything but the
/// queue, the model and the engine: request decoding, PNG encoding with infotext, base64, JSON
/// and HTTP — reported from the answer's `Server-Timing` header.
struct BenchTxt2ImgCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "txt2img",
        abstract: "Time a 512×512 (sd15) or 1024×1024 (sdxl) txt2img request through the API, and the server's own overhead.")

    @OptionGroup var options: ModelBenchmarkOptions

    @Option(help: "Sampling steps (Euler, CFG 7).")
    var steps = 20

    @Option(help: "Image side in pixels (default: 512 for sd15, 1024 for sdxl); the PyTorch peer always uses the default.")
    var size: Int?

    func run() async throws {
        let (preset, presetPixels) = try options.preset()
        let pixels = size ?? presetPixels, steps = steps
        var unwarmed = options
        unwarmed.warmup = 0  // the warm-up is the one-step request below
        let options = unwarmed
        let backend = try options.backend()
        let place = { (checkpoints: URL) in
            try Self.placeCheckpoint(options.model, preset: preset, in: checkpoints, announce: !options.json)
        }
        try await Self.withServer(placing: place, precision: backend.precision, weightStorage: backend.weightStorage) { port in
            _ = try Self.generate(port: port, pixels: pixels, steps: 1)  // loads the model and plans every shape
            var timings: [String: Double] = [:]
            let name = "txt2img \(options.arch) \(pixels)x\(pixels) \(steps) steps via HTTP"
            try options.measure(name, precision: backend.precision, peer: .txt2img(steps: steps)) {
                timings = try Self.generate(port: port, pixels: pixels, steps: steps)
            }
            let overhead = timings["response", default: 0] + timings["http", default: 0]
            try ServerOverhead(
                engineSeconds: timings["engine", default: 0], overheadSeconds: overhead, totalSeconds: timings.values.reduce(0, +)
            ).printed(json: options.json)
        }
    }

    /// One request against a server on `model` (after a one-step warm-up): seconds per
    /// `Server-Timing` entry plus `http`.
    static func measureOnce(model: String, pixels: Int, steps: Int) async throws -> [String: Double] {
        let place = { (checkpoints: URL) in try placeCheckpoint(model, preset: .sd15, in: checkpoints, announce: false) }
        return try await withServer(placing: place, precision: .fp32, weightStorage: .compact) { port in
            _ = try generate(port: port, pixels: pixels, steps: 1)
            return try generate(port: port, pixels: pixels, steps: steps)
        }
    }

    /// Runs the real server in this process on a free loopback port over a temporary models
    /// folder that `placing` fills, and calls `body` with the port on a thread of its own (the
    /// client blocks on its socket, off the pool the server uses).
    private static func withServer<Result: Sendable>(
        placing: (URL) throws -> Void, precision: Precision, weightStorage: WeightStorage,
        _ body: @escaping @Sendable (Int) throws -> Result
    ) async throws -> Result {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sdserve-bench-txt2img-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try placing(folder.appendingPathComponent("checkpoints"))
        var configuration = ServerConfiguration()
        configuration.modelsDirectory = folder
        configuration.port = try LoopbackHTTP.freePort()
        configuration.precision = precision
        configuration.weightStorage = weightStorage
        var logger = Logger(label: "sdserve-bench")
        logger.logLevel = .critical  // failures surface as HTTP errors; shutdown chatter is noise
        let app = try await buildApplication(configuration: configuration, logger: logger)
        let server = Task { try await app.runService() }
        defer { server.cancel() }
        let port = configuration.port
        return try await onOwnThread {
            try waitUntilServing(port: port)
            return try body(port)
        }
    }

    /// A hard link to `model` (no copy of gigabytes), or random weights written for the preset.
    private static func placeCheckpoint(_ model: String?, preset: ModelPreset, in checkpoints: URL, announce: Bool) throws {
        try FileManager.default.createDirectory(at: checkpoints, withIntermediateDirectories: true)
        let target = checkpoints.appendingPathComponent("bench.safetensors")
        guard let model else {
            if announce { print("writing random \(preset.rawValue) weights (f16) to \(target.path)") }
            return try TestModelWriter.write(preset, to: target.path, dtype: .f16)
        }
        if link(model, target.path) != 0 { try FileManager.default.copyItem(atPath: model, toPath: target.path) }
    }

    private static func waitUntilServing(port: Int) throws {
        for _ in 0..<600 {
            if (try? LoopbackHTTP.send(port: port, method: "GET", path: "/internal/ping").status) == 200 { return }
            usleep(100_000)
        }
        throw ValidationError("the in-process server did not answer on port \(port) within 60 s")
    }

    /// One request; seconds per `Server-Timing` entry plus `http`: what the client waited beyond them.
    static func generate(port: Int, pixels: Int, steps: Int) throws -> [String: Double] {
        let request: [String: Any] = [
            "prompt": "a photograph of an astronaut riding a horse", "negative_prompt": "blurry",
            "seed": 1, "steps": steps, "width": pixels, "height": pixels, "cfg_scale": 7, "sampler_name": "Euler",
        ]
        let start = DispatchTime.now().uptimeNanoseconds
        let answer = try LoopbackHTTP.send(
            port: port, method: "POST", path: "/sdapi/v1/txt2img", json: try JSONSerialization.data(withJSONObject: request))
        let waited = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        guard answer.status == 200 else {
            throw ValidationError("txt2img answered \(answer.status): \(String(decoding: answer.body.prefix(500), as: UTF8.self))")
        }
        var seconds: [String: Double] = [:]
        for entry in (answer.headers["server-timing"] ?? "").split(separator: ",") {
            let parts = entry.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, parts[1].hasPrefix("dur="), let milliseconds = Double(parts[1].dropFirst(4)) else { continue }
            seconds[parts[0]] = milliseconds / 1000
        }
        guard seconds["engine"] != nil else { throw ValidationError("the answer has no Server-Timing engine entry") }
        seconds["http"] = max(waited - seconds.values.reduce(0, +), 0)
        return seconds
    }
}

/// The server's own time next to the engine's, from one request.
struct ServerOverhead: BenchmarkLine {
    var engineSeconds: Double
    var overheadSeconds: Double
    var totalSeconds: Double

    enum CodingKeys: String, CodingKey {
        case name
        case engineSeconds = "engine_seconds"
        case overheadSeconds = "overhead_seconds"
        case totalSeconds = "seconds"
        case fraction = "overhead_fraction"
    }

    var fraction: Double { totalSeconds > 0 ? overheadSeconds / totalSeconds : 0 }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("server overhead (image encoding, infotext, base64, JSON, HTTP)", forKey: .name)
        try container.encode(engineSeconds, forKey: .engineSeconds)
        try container.encode(overheadSeconds, forKey: .overheadSeconds)
        try container.encode(totalSeconds, forKey: .totalSeconds)
        try container.encode(fraction, forKey: .fraction)
    }

    var text: String {
        String(format: "server overhead: %.3f s of %.3f s (%.2f %%); engine %.3f s",
                         overheadSeconds, totalSeconds, fraction * 100, engineSeconds)
    }
}

/// Runs blocking `work` on a new thread and resumes with its result.
private func onOwnThread<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value {
    try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Value, any Error>) in
        Thread { continuation.resume(with: Result { try work() }) }.start()
    }
}
