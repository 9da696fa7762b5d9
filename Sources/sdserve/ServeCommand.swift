import ArgumentParser
import Foundation
import Generation
import Hummingbird
import Logging
import SDAPI
import Tensor

/// `sdserve serve`: starts the HTTP server.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the AUTOMATIC1111 /sdapi/v1 API (the default command).")

    @Option(help: ArgumentHelp(
        "Address to listen on. A bare --listen means 0.0.0.0 (all interfaces), as in AUTOMATIC1111.",
        valueName: "host"))
    var listen = "127.0.0.1"

    @Option(help: "TCP port.")
    var port = 7860

    @Option(help: ArgumentHelp(
        "Folder holding checkpoints/, loras/, vae/ and embeddings/ (A1111's Stable-diffusion/, Lora/, VAE/ work too).",
        valueName: "dir"))
    var modelsDir = "./models"

    @Option(help: ArgumentHelp("ComfyUI extra_model_paths.yaml with more model folders.", valueName: "file"))
    var extraModelPaths: String?

    @Option(help: ArgumentHelp(
        "Folder for settings and the model hash cache (default: <models-dir>/.sdserve).", valueName: "dir"))
    var dataDir: String?

    @Option(help: ArgumentHelp("Require HTTP Basic auth on every route.", valueName: "user:pass[,user:pass]"))
    var apiAuth: String?

    @Option(help: ArgumentHelp("Comma-separated origins allowed by CORS (* for any).", valueName: "origins"))
    var corsAllowOrigins: String?

    @Option(help: "Checkpoints kept loaded at once.")
    var cacheLru = 1

    @Option(help: ArgumentHelp(
        "Most memory for loaded checkpoint weights; the least recently used are unloaded before loading another "
            + "that would not fit. Bytes or K/M/G/T (e.g. 12G), or 'none'. Default: half the physical memory.",
        valueName: "size"))
    var modelMemoryBudget: String?

    @Option(help: ArgumentHelp(
        "Folder where requests with save_images write their images (default: <data-dir>/outputs).", valueName: "dir"))
    var outputDir: String?

    @Option(help: "Generation requests allowed to wait; more are refused with 503.")
    var queueSize = 16

    @Option(help: "Largest width x height a request may ask for.")
    var maxPixels = 2048 * 2048

    @Option(help: "Largest batch_size a request may ask for.")
    var maxBatch = 16

    @Option(help: "Compute precision: fp32 or bf16 (default: bf16 where the CPU multiplies bf16 natively, else fp32).")
    var precision: String?

    @Option(help: "compact: weights stored as f16/bf16 stay 16-bit in memory (the same results, half the memory, a little slower); widened: converted to f32 at load.")
    var weightStorage: WeightStorage = .compact

    func validate() throws {
        guard (1...65535).contains(port) else { throw ValidationError("--port must be 1-65535, got \(port)") }
        guard cacheLru >= 1 else { throw ValidationError("--cache-lru must be at least 1") }
        guard queueSize >= 1 else { throw ValidationError("--queue-size must be at least 1") }
        guard maxPixels >= 64 * 64 else { throw ValidationError("--max-pixels must be at least 4096 (64x64)") }
        guard maxBatch >= 1 else { throw ValidationError("--max-batch must be at least 1") }
        if let precision, Precision(rawValue: precision) == nil {
            throw ValidationError("--precision must be fp32 or bf16, not '\(precision)'")
        }
    }

    func run() async throws {
        var logger = Logger(label: "sdserve")
        logger.logLevel = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0) } ?? .info
        let configuration = try serverConfiguration()
        logger.info("sdserve \(SDServeVersion.current) starting: \(configuration.logSummary)")
        let app = try await buildApplication(configuration: configuration, logger: logger)
        try await app.runService()
    }

    /// The flags as a `ServerConfiguration`, reading `--extra-model-paths` and `--api-auth`.
    func serverConfiguration() throws -> ServerConfiguration {
        var configuration = ServerConfiguration()
        configuration.host = listen
        configuration.port = port
        configuration.modelsDirectory = URL(fileURLWithPath: modelsDir, isDirectory: true).standardizedFileURL
        configuration.dataDirectory = dataDir.map { URL(fileURLWithPath: $0, isDirectory: true).standardizedFileURL }
        if let extraModelPaths {
            let file = URL(fileURLWithPath: extraModelPaths).standardizedFileURL
            configuration.extraModelPathsFile = file
            do {
                configuration.extraModelFolders = try ExtraModelPaths.load(from: file)
            } catch {
                throw ValidationError(error.description)
            }
        }
        if let apiAuth {
            do {
                configuration.credentials = try APICredential.parseList(apiAuth)
            } catch {
                throw ValidationError(error.description)
            }
        }
        configuration.corsAllowOrigins = corsAllowOrigins.map {
            $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        } ?? []
        configuration.cacheLRU = cacheLru
        if let modelMemoryBudget {
            do {
                configuration.modelMemoryBudget = try MemorySizeArgument.parse(modelMemoryBudget)
            } catch {
                throw ValidationError("--model-memory-budget: \(error.description)")
            }
        }
        configuration.outputDirectory = outputDir.map { URL(fileURLWithPath: $0, isDirectory: true).standardizedFileURL }
        configuration.queueSize = queueSize
        configuration.maxPixels = maxPixels
        configuration.maxBatch = maxBatch
        configuration.precision = precision.flatMap(Precision.init(rawValue:))
        configuration.weightStorage = weightStorage
        return configuration
    }
}
