import ArgumentParser
import Checkpoint
import Diffusion
import Tensor

/// `sdserve bench unet`: one full-size UNet evaluation at batch 2 (classifier-free guidance).
struct BenchUNetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unet",
        abstract: "Time one UNet evaluation at batch 2: SD1.5 at 512×512 or SDXL at 1024×1024.")

    @OptionGroup var options: ModelBenchmarkOptions

    func run() throws {
        let (_, pixels) = try options.preset()
        let backend = try options.backend()
        try options.withSource { source, model in
            let config = model.unet
            let unet = try UNet(config: config, source: source, backend: backend)
            let side = pixels / 8, batch = 2
            let latents = try benchmarkInput([batch, config.inChannels, side, side], seed: 1)
            let context = try benchmarkInput([batch, 77, config.contextDim ?? 768], seed: 2)
            let y = try config.admInChannels.map { try benchmarkInput([batch, $0], seed: 3) }
            try options.measure("unet \(options.arch) \(pixels)x\(pixels) batch \(batch)", precision: backend.precision, peer: .unet) {
                _ = try unet(latents, timesteps: [500, 500], context: context, y: y)
            }
        }
    }
}
