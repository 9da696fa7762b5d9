import Foundation
import Imaging
import Sampling
import Tensor

/// AUTOMATIC1111's img2img and inpainting (`StableDiffusionProcessingImg2Img`): init images
/// prepared by `resize_mode` (and, with a mask, A1111's mask set-up, fill and "only masked"
/// crop), VAE-encoded, noised to the strength's starting level and sampled for
/// ⌊strength · steps⌋ steps; with a mask the kept latent cells are restored after every model
/// call and the unmasked pixels pasted back over the result.
public enum Img2ImgPipeline {
    public static func run(
        _ request: GenerationRequest, input: Img2ImgInput, model: LoadedModel, context: JobContext,
        monitor: any GenerationMonitor = UnmonitoredGeneration(), companions: CompanionModels = .none
    ) async throws -> GenerationResult {
        guard !input.initImages.isEmpty else { throw GenerationError.missingInitImage }
        let (model, companions) = request.tiles ? (model.seamless(), companions.seamless()) : (model, companions)
        var request = request
        // A1111: k ≤ batch_size init images make a batch of k; more is an error.
        if input.initImages.count > 1 {
            guard input.initImages.count <= request.batchSize else {
                throw GenerationError.tooManyInitImages(count: input.initImages.count, batchSize: request.batchSize)
            }
            request.batchSize = input.initImages.count
        }
        let settings = request.settings
        let inpaintMask = try input.effectiveMask.flatMap {
            try InpaintMask(mask: $0, width: request.width, height: request.height, resizeMode: input.resizeMode, options: input.maskOptions)
        }
        let noiseMultiplier = input.initialNoiseMultiplier ?? settings.initialNoiseMultiplier
        let job = try SamplingJob(
            request, model: model, context: context, denoisingStrength: input.denoisingStrength,
            usesInpaintingConditioning: model.isInpainting,
            extras: extras(input, mask: inpaintMask, noiseMultiplier: noiseMultiplier), companions: companions)

        let background = Self.color(settings.img2imgBackgroundColor)
        var prepared: [Image] = []
        var overlays: [InpaintOverlay] = []
        for image in input.initImages {
            if let inpaintMask {
                let (image, overlay) = try inpaintMask.prepare(initImage: image, fill: input.inpaintingFill == .fill, background: background)
                prepared.append(image)
                overlays.append(overlay)
            } else {
                let flat = image.flattened(onto: background)
                prepared.append(input.resizeMode == .latentJustResize
                    ? flat : try flat.resized(mode: input.resizeMode, width: request.width, height: request.height))
            }
        }
        var inputs = try encodeInputs(prepared, request: request, job: job, model: model)
        inputs.noiseMultiplier = Float(noiseMultiplier)
        if let inpaintMask {
            try await applyMask(inpaintMask, fill: input.inpaintingFill, prepared: prepared, to: &inputs, job: job, model: model, request: request)
        }
        let finish: (Image, Int) throws -> Image = { image, index in
            guard let inpaintMask else { return image }
            return try inpaintMask.pasteBack(image, overlay: overlays[index % overlays.count])
        }
        return try await job.run(inputs: inputs, monitor: monitor, finish: finish)
    }

    /// The init latent `[B, C, h, w]`: each prepared image VAE-encoded, repeated to the batch;
    /// resize mode 3 encodes at the image's own size and resizes the latent bilinearly.
    static func encodeInputs(
        _ images: [Image], request: GenerationRequest, job: SamplingJob, model: LoadedModel
    ) throws -> BatchInputs {
        let backend = model.backend
        let factor = model.vae.downscaleFactor
        var latents: [Tensor] = []
        for image in images {
            let (width, height) = (image.width / factor * factor, image.height / factor * factor)
            let fitted = image.width == width && image.height == height ? image : try image.resized(width: width, height: height, filter: .lanczos)
            let planes = try Tensor(shape: [1, 3, height, width], values: fitted.vaeInputPlanes())
            var latent = try InpaintingConditioning.encode(planes, model: model)  // [1, C, h', w']
            if latent.shape[2] != job.shape.height || latent.shape[3] != job.shape.width {
                latent = try backend.resize(latent, height: job.shape.height, width: job.shape.width, mode: .bilinear)
            }
            latents.append(latent)
        }
        let batch = images.count == 1 ? Array(repeating: latents[0], count: request.batchSize) : latents
        var inputs = BatchInputs()
        inputs.imageLatent = try backend.concat(batch, dim: 0).floats()
        return inputs
    }

    /// The latent mask, the masked-content fill in latent space, and an inpainting model's
    /// conditioning (A1111 `init` after encoding).
    static func applyMask(
        _ mask: InpaintMask, fill: InpaintingFill, prepared: [Image], to inputs: inout BatchInputs, job: SamplingJob,
        model: LoadedModel, request: GenerationRequest
    ) async throws {
        guard var latent = inputs.imageLatent else { return }
        let shape = job.shape
        let repaint = try mask.latentMask(latentWidth: shape.width, latentHeight: shape.height)  // [h·w], 1 = repaint
        let perImage = (0..<shape.channels).flatMap { _ in repaint.map { 1 - $0 } }
        let keep = Array((0..<request.batchSize).map { _ in perImage }.joined())
        switch fill {
        case .latentNoise:
            // A1111 draws this noise once, from the job's first seeds.
            let seeds = job.description.seeds.seeds.prefix(request.batchSize).map(BatchSampler.generatorSeed)
            let noise = ImageNoise(shape: shape, seeds: Array(seeds), source: job.configuration.randomSource)
            let values = await noise.next()
            latent = latent.indices.map { latent[$0] * keep[$0] + values[$0] * (1 - keep[$0]) }
        case .latentNothing:
            latent = latent.indices.map { latent[$0] * keep[$0] }
        case .fill, .original:
            break
        }
        inputs.imageLatent = latent
        inputs.keepMask = keep
        if model.isInpainting {
            let sources = prepared.map { $0.vaeInputPlanes() }
            let batchSources = sources.count == 1 ? Array(repeating: sources[0], count: request.batchSize) : sources
            inputs.inpaintingConditioning = try InpaintingConditioning.img2img(
                sources: batchSources, width: prepared[0].width, height: prepared[0].height, mask: mask.processingMask,
                round: mask.options.round, maskWeight: Float(request.settings.inpaintingMaskWeight), model: model, shape: shape)
        }
    }

    static func extras(_ input: Img2ImgInput, mask: InpaintMask?, noiseMultiplier: Double) -> [(key: String, value: JSONValue)] {
        var extras: [(key: String, value: JSONValue)] = []
        if let mask {
            let options = mask.options
            if options.blurX == options.blurY {
                extras.append(("Mask blur", .int(Int(options.blurX))))
            } else {
                extras += [("Mask blur x", .int(Int(options.blurX))), ("Mask blur y", .int(Int(options.blurY)))]
            }
            if options.invert { extras.append(("Mask mode", .string("Inpaint not masked"))) }
            if input.inpaintingFill != .original { extras.append(("Masked content", .string(input.inpaintingFill.label))) }
            if options.onlyMasked {
                extras += [("Inpaint area", .string("Only masked")), ("Masked area padding", .int(options.padding))]
            }
        }
        if noiseMultiplier != 1 { extras.append(("Noise multiplier", .double(noiseMultiplier))) }
        return extras
    }

    /// `#rrggbb` (A1111's `img2img_background_color`); white when unreadable.
    static func color(_ text: String) -> (red: UInt8, green: UInt8, blue: UInt8) {
        let hex = text.hasPrefix("#") ? String(text.dropFirst()) : text
        guard hex.count == 6, let value = UInt32(hex, radix: 16) else { return (255, 255, 255) }
        return (UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF))
    }
}
