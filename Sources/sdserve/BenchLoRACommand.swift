import ArgumentParser
import Checkpoint
import Diffusion
import Foundation
import Tensor

/// `sdserve bench lora`: switching between two LoRA sets on a full-size model (random weights)
/// next to rebuilding the UNet and text encoders from the checkpoint, which is what a reload
/// costs once the file is in the page cache.
struct BenchLoRACommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lora",
        abstract: "Time a switch between two LoRA sets against a full UNet + text-encoder rebuild.")

    @OptionGroup var options: ModelBenchmarkOptions

    @Option(help: "Rank of the two random LoRAs (every UNet attention projection and text-encoder layer).")
    var rank = 32

    func run() throws {
        let backend = try options.backend()
        try options.withSource { source, model in
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sdserve-bench-lora-\(getpid())")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let sets = try (1...2).map { seed in
                let path = folder.appendingPathComponent("lora\(seed).safetensors").path
                try TestLoRAWriter.write(base: model, to: path, seed: UInt64(seed), rank: rank, name: "bench-\(seed)")
                let file = try LoRAFile(source: try SafetensorsFile(path: path), model: model)
                return [LoRAApplication(identity: path, file: file, unetStrength: 0.8, textEncoderStrength: 0.6)]
            }
            let patchedCount = sets[0][0].file.patches.count

            try options.measure("full rebuild of UNet + text encoders (\(options.arch))", precision: backend.precision) {
                _ = try Self.build(model, source: source, backend: backend)
            }

            // Deltas multiply in fp32 whatever precision the models run in.
            let deltaBackend = backend.precision == .fp32 ? backend : try CPUBackend(precision: .fp32)
            var state = LoRAWeightState(base: source)
            var models = try Self.build(model, source: state.source, backend: backend)
            var next = 0
            try options.measure(
                "switch between two LoRA sets (\(options.arch), rank \(rank), \(patchedCount) weights)", precision: backend.precision
            ) {
                guard let change = try state.activate(sets[next], backend: deltaBackend) else { return }
                next = 1 - next
                if change.changesUNet { models.unet = try UNet(config: model.unet, source: state.source, backend: backend) }
                if change.changesTextEncoders { models.textEncoders = try Self.textEncoders(model, source: state.source, backend: backend) }
            }
            let current = 1 - next
            try options.measure("same LoRA set again (\(options.arch))", precision: backend.precision) {
                if try state.activate(sets[current], backend: deltaBackend) != nil { throw ValidationError("the same LoRA set switched") }
            }
            withExtendedLifetime(models) {}
        }
    }

    private struct Models {
        var unet: UNet
        var textEncoders: [CLIPTextTransformer]
    }

    private static func build(_ model: DetectedModel, source: any TensorSource, backend: any Backend) throws -> Models {
        Models(unet: try UNet(config: model.unet, source: source, backend: backend),
               textEncoders: try textEncoders(model, source: source, backend: backend))
    }

    private static func textEncoders(_ model: DetectedModel, source: any TensorSource, backend: any Backend) throws -> [CLIPTextTransformer] {
        try model.textEncoders.map { try CLIPTextTransformer($0, source: source, backend: backend) }
    }
}
