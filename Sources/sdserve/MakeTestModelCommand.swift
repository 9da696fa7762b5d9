import ArgumentParser
import Checkpoint
import Tensor

/// `sdserve make-test-model`: random weights in the real single-file layout, for tests (tiny
/// presets, a few MB) and benchmarks (full size, streamed to disk).
struct MakeTestModelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "make-test-model",
        abstract: "Write a checkpoint (or a LoRA for a base model) with random weights.",
        discussion: "Architectures: \(ModelPreset.allCases.map(\.rawValue).joined(separator: ", ")), lora-tiny (needs --base).")

    @Option(help: "Model preset, or lora-tiny.")
    var arch: String

    @Option(help: "Output .safetensors path.")
    var out: String

    @Option(help: "Random seed.")
    var seed: UInt64 = 0

    @Option(help: "Stored dtype: f16, bf16 or f32.")
    var dtype: String = "f16"

    @Option(help: "Base checkpoint for --arch lora-tiny.")
    var base: String?

    func run() throws {
        guard let storedType = DType(rawValue: dtype) else {
            throw ValidationError("--dtype must be f16, bf16 or f32, not '\(dtype)'")
        }
        if arch == "lora-tiny" {
            guard let base else { throw ValidationError("--arch lora-tiny needs --base FILE (the checkpoint the LoRA is for)") }
            let model = try ModelDetector.detect(try Canonicalizer.canonicalize(try ModelFileReader.open(base)))
            try TestLoRAWriter.write(base: model, to: out, seed: seed, dtype: storedType)
            print("wrote kohya LoRA for \(model.architecture.rawValue) to \(out)")
            return
        }
        guard let preset = ModelPreset(rawValue: arch) else {
            throw ValidationError("unknown --arch '\(arch)'; choose one of \(ModelPreset.allCases.map(\.rawValue).joined(separator: ", ")), lora-tiny")
        }
        try TestModelWriter.write(preset, to: out, seed: seed, dtype: storedType)
        print("wrote \(preset.rawValue) (\(preset.model.architecture.rawValue), \(dtype)) to \(out)")
    }
}
