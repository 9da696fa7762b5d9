import Imaging
import Sampling
import Tensor

/// The second pass of hires fix (A1111 `sample_hr_pass`): the first pass enlarged in latent
/// space or as pixels, cropped to the requested box, then sampled as img2img with the hires
/// sampler, step count and prompts, from fresh noise of the same seeds at the new size.
struct HiresPass: Sendable {
    let fix: HiresFix
    let upscale: HiresUpscale
    let configuration: SamplerConfiguration
    let plan: SamplingPlan
    /// The latent before cropping (`hr_upscale_to` / factor) and after.
    let upscaledHeight: Int
    let upscaledWidth: Int
    let truncateX: Int
    let truncateY: Int
    let shape: LatentShape

    init(_ fix: HiresFix, request: GenerationRequest, model: LoadedModel) throws {
        self.fix = fix
        upscale = try HiresUpscale(fix.upscaler)
        var second = request
        if let name = fix.samplerName, !name.isEmpty { second.samplerName = name }
        if let scheduler = fix.scheduler, !scheduler.isEmpty { second.scheduler = scheduler }
        configuration = try SamplerConfiguration(request: second, family: model.family, prediction: model.detected.prediction)
        let steps = fix.secondPassSteps > 0 ? fix.secondPassSteps : request.steps
        plan = try SamplingPlan(
            selection: configuration.selection, steps: request.steps, eta: request.eta, settings: configuration.settings,
            denoisingStrength: fix.denoisingStrength, explicitSteps: steps)
        let factor = model.vae.downscaleFactor
        let target = fix.target(width: request.width, height: request.height, factor: factor)
        (upscaledHeight, upscaledWidth) = (target.height / factor, target.width / factor)
        (truncateX, truncateY) = (target.truncateX, target.truncateY)
        shape = try LatentShape(
            channels: model.latentChannels, height: upscaledHeight - truncateY, width: upscaledWidth - truncateX)
    }

    /// The first pass's latents `[B, C, h, w]` enlarged and cropped to `shape`. A pixel upscaler
    /// decodes with the first pass's model and encodes with the second pass's (`model`).
    func startLatents(
        _ latents: [Float], batch: Int, first: LatentShape, firstModel: LoadedModel, model: LoadedModel
    ) throws -> [Float] {
        let backend = model.backend
        var x = try Tensor(shape: [batch, first.channels, first.height, first.width], values: latents)
        switch upscale {
        case .latent(let mode):
            x = try HiresUpscale.resize(x, height: upscaledHeight, width: upscaledWidth, mode: mode, backend: backend)
        case .pixels(let filter):
            let factor = model.vae.downscaleFactor
            let images = try LatentDecoder(vae: firstModel.vae).images(
                latents, batch: batch, channels: first.channels, height: first.height, width: first.width)
            let encoded = try images.map { image in
                let large = try image.resized(width: upscaledWidth * factor, height: upscaledHeight * factor, filter: filter)
                let planes = try Tensor(shape: [1, 3, large.height, large.width], values: large.vaeInputPlanes())
                return try InpaintingConditioning.encode(planes, model: model)
            }
            x = try backend.concat(encoded, dim: 0)
        }
        let top = truncateY / 2, left = truncateX / 2
        x = try backend.slice(x, dim: 2, start: top, end: upscaledHeight - (truncateY + 1) / 2)
        x = try backend.slice(x, dim: 3, start: left, end: upscaledWidth - (truncateX + 1) / 2)
        return x.floats()
    }
}
