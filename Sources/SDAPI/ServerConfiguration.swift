import Foundation
import Generation
import Tensor

/// Everything `sdserve serve` was told on its command line, after defaults.
public struct ServerConfiguration: Sendable {
    public var host = "127.0.0.1"
    public var port = 7860
    /// Holds `checkpoints/`, `loras/`, `vae/`, `embeddings/` (or A1111's folder names).
    public var modelsDirectory = URL(fileURLWithPath: "models", isDirectory: true)
    /// The `--extra-model-paths` file, if one was given (its folders are in `extraModelFolders`).
    public var extraModelPathsFile: URL?
    public var extraModelFolders = ModelFolders()
    /// Where settings (`config.json`) and model hashes (`model-hashes.json`) are kept;
    /// nil means `<models-dir>/.sdserve`.
    public var dataDirectory: URL?
    public var credentials: [APICredential] = []
    public var corsAllowOrigins: [String] = []
    /// Checkpoints kept loaded at once.
    public var cacheLRU = 1
    /// Bytes of checkpoint weights kept loaded at most (least recently used are unloaded
    /// first); nil for no limit besides `cacheLRU`. Default: half the physical memory.
    public var modelMemoryBudget: Int? = Int(clamping: ProcessInfo.processInfo.physicalMemory / 2)
    /// Where `save_images` writes (`txt2img-images/`, `img2img-images/`); nil means
    /// `<data-dir>/outputs`.
    public var outputDirectory: URL?
    /// Generation requests that may wait for the worker; more are refused with 503.
    public var queueSize = 16
    /// Largest `width × height` a request may ask for (also the hires-fix target).
    public var maxPixels = 2048 * 2048
    /// Largest `batch_size` a request may ask for.
    public var maxBatch = 16
    /// Compute precision of the CPU backend; nil picks the machine's best (bf16 where the CPU
    /// multiplies bf16 natively, fp32 elsewhere).
    public var precision: Precision?
    /// Whether weights that fit 16 bits exactly stay in 16 bits (half the memory, widened per
    /// call) or are widened to f32 at load.
    public var weightStorage: WeightStorage = .compact

    public init() {}

    /// The folders searched for each kind of model.
    public var modelFolders: ModelFolders {
        var folders = ModelFolders.standard(in: modelsDirectory)
        folders.merge(extraModelFolders)
        return folders
    }

    public var effectiveDataDirectory: URL {
        dataDirectory ?? modelsDirectory.appendingPathComponent(".sdserve", isDirectory: true)
    }

    public var effectiveOutputDirectory: URL {
        outputDirectory ?? effectiveDataDirectory.appendingPathComponent("outputs", isDirectory: true)
    }

    public var settingsFile: URL { effectiveDataDirectory.appendingPathComponent("config.json") }
    public var hashCacheFile: URL { effectiveDataDirectory.appendingPathComponent("model-hashes.json") }

    /// The configuration as `/cmd-flags` shows it (A1111's argparse names where one exists);
    /// passwords are never included, only the user names.
    public var commandFlags: JSONValue {
        let folders = modelFolders
        func paths(_ kind: ModelKind) -> JSONValue { .array(folders.folders(for: kind).map { .string($0.path) }) }
        return [
            "listen": .bool(host == "0.0.0.0"),
            "server_name": .string(host),
            "port": .int(port),
            "api": true,
            "nowebui": true,
            "models_dir": .string(modelsDirectory.path),
            "extra_model_paths": .string(extraModelPathsFile?.path),
            "data_dir": .string(effectiveDataDirectory.path),
            "ckpt_dir": paths(.checkpoint),
            "lora_dir": paths(.lora),
            "vae_dir": paths(.vae),
            "embeddings_dir": paths(.embedding),
            "api_auth": credentials.isEmpty ? .null : .string(credentials.map { "\($0.user):***" }.joined(separator: ",")),
            "cors_allow_origins": corsAllowOrigins.isEmpty ? .null : .string(corsAllowOrigins.joined(separator: ",")),
            "cache_lru": .int(cacheLRU),
            "model_memory_budget": .int(modelMemoryBudget),
            "output_dir": .string(effectiveOutputDirectory.path),
            "queue_size": .int(queueSize),
            "max_pixels": .int(maxPixels),
            "max_batch": .int(maxBatch),
            "no_hashing": false,
            "freeze_settings": false,
            "api_server_stop": false,
        ]
    }

    /// One line for the start-up log, without passwords.
    public var logSummary: String {
        var parts = [
            "listen=\(host):\(port)", "models-dir=\(modelsDirectory.path)", "data-dir=\(effectiveDataDirectory.path)",
            "cache-lru=\(cacheLRU)", "model-memory-budget=\(modelMemoryBudget.map { "\($0 >> 20)MiB" } ?? "none")",
            "output-dir=\(effectiveOutputDirectory.path)", "queue-size=\(queueSize)", "max-pixels=\(maxPixels)", "max-batch=\(maxBatch)",
        ]
        if let extraModelPathsFile { parts.append("extra-model-paths=\(extraModelPathsFile.path)") }
        parts.append("api-auth=" + (credentials.isEmpty ? "off" : "users " + credentials.map(\.user).joined(separator: ",")))
        parts.append("cors-allow-origins=" + (corsAllowOrigins.isEmpty ? "none" : corsAllowOrigins.joined(separator: ",")))
        return parts.joined(separator: " ")
    }
}
