import ArgumentParser
import Checkpoint
import Diffusion
import Tensor

/// `sdserve bench clip`: one full-size text-encoder pass over a 77-token chunk per encoder.
struct BenchCLIPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clip",
        abstract: "Time the text encoders on one 77-token chunk at batch 2 (as with classifier-free guidance).")

    @OptionGroup var options: ModelBenchmarkOptions

    @Option(help: "Rows encoded together.")
    var batch: Int = 2

    func run() throws {
        let backend = try options.backend()
        guard batch > 0 else { throw ValidationError("--batch must be positive, not \(batch)") }
        try options.withSource { source, model in
            for encoder in model.textEncoders {
                let clip = try CLIPTextTransformer(encoder, source: source, backend: backend)
                let c = clip.config
                // Start, a few words, end, then padding with the end token: a typical prompt row.
                let row = [49406] + (0..<c.maxPositions - 2).map { $0 < 8 ? 320 + $0 * 97 : 49407 } + [49407]
                let input = CLIPTextInput(tokens: Array(repeating: row.map { min($0, c.vocabSize - 1) }, count: batch))
                let request = CLIPTextRequest(layerFromEnd: 1, finalLayerNorm: true, pooling: c.projectionDim == nil ? .none : .projected)
                let name = "clip \(options.arch) \(encoder.role) \(c.layers) layers batch \(batch)"
                try options.measure(name, precision: backend.precision) {
                    _ = try clip.encode(input, request: request, backend: backend)
                }
            }
        }
    }
}
