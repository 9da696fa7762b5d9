import ArgumentParser
import Checkpoint
import Diffusion
import Tensor

/// `sdserve bench vae`: one full-size VAE decode of a single image.
struct BenchVAECommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vae",
        abstract: "Time one VAE decode: 512×512 for sd15, 1024×1024 for sdxl.")

    @OptionGroup var options: ModelBenchmarkOptions

    @Flag(help: "Decode in 64×64-latent tiles with 16 cells of overlap.")
    var tiled = false

    func run() throws {
        let (_, pixels) = try options.preset()
        let backend = try options.backend()
        try options.withSource { source, model in
            guard let config = model.vae else { throw ValidationError("the checkpoint has no VAE") }
            let vae = try AutoencoderKL(
                config: config, source: source, latentScale: model.latentScaleFactor, backend: backend)
            let side = pixels / config.downscaleFactor
            let latents = try benchmarkInput([1, config.latentChannels, side, side], seed: 1)
            let tiling = tiled ? VAETiling() : nil
            try options.measure("vae decode \(options.arch) \(pixels)x\(pixels)\(tiled ? " tiled" : "")", precision: backend.precision, peer: .vae) {
                _ = try vae.decode(latents, tiling: tiling)
            }
        }
    }
}
