import Diffusion
import Imaging
import Sampling
import Tensor

/// The extra input of 9-channel inpainting UNets, `[B, 5, h, w]`: the mask (1 = repaint) at
/// latent size, then the VAE latent of the image with the masked area greyed out
/// (A1111 `txt2img_image_conditioning` / `img2img_image_conditioning`).
enum InpaintingConditioning {
    /// txt2img: everything masked over a mid-grey image.
    static func txt2img(model: LoadedModel, batchSize: Int, shape: LatentShape) throws -> Tensor {
        let factor = model.vae.downscaleFactor
        let grey = Tensor(zeros: [1, 3, shape.height * factor, shape.width * factor])  // 0.5 in [0, 1] is 0 in [-1, 1]
        let latent = try encode(grey, model: model)  // [1, 4, h, w]
        let mask = try Tensor(shape: [1, 1, shape.height, shape.width], values: [Float](repeating: 1, count: shape.height * shape.width))
        return try repeated(model.backend.concat([mask, latent], dim: 1), batchSize: batchSize, backend: model.backend)
    }

    /// img2img: `source` planes in [-1, 1] `[3, H, W]` per init image, masked by the processed
    /// mask (rounded when `round`), blended by `inpainting_mask_weight`.
    static func img2img(
        sources: [[Float]], width: Int, height: Int, mask: Image, round: Bool, maskWeight: Float,
        model: LoadedModel, shape: LatentShape
    ) throws -> Tensor {
        let grey = mask.converted(to: .gray).pixels.map { sample -> Float in
            let value = Float(sample) / 255
            return round ? value.rounded(.toNearestOrEven) : value
        }
        let plane = width * height
        let masked = sources.flatMap { source in
            source.indices.map { i in
                let value = source[i]
                // torch.lerp(x, x·(1 − m), w)
                return value + maskWeight * (value * (1 - grey[i % plane]) - value)
            }
        }
        let latent = try encode(Tensor(shape: [sources.count, 3, height, width], values: masked), model: model)
        let small = nearest(grey, width: width, height: height, toWidth: shape.width, toHeight: shape.height)
        let masks = try Tensor(shape: [sources.count, 1, shape.height, shape.width], values: Array(repeating: small, count: sources.count).flatMap { $0 })
        return try model.backend.concat([masks, latent], dim: 1)
    }

    /// A1111 `get_first_stage_encoding(encode_first_stage(x))` for x in [-1, 1]; sdserve uses
    /// the posterior mean.
    static func encode(_ signed: Tensor, model: LoadedModel) throws -> Tensor {
        try model.backend.mul(model.vae.encodeDistribution(signed).mean, scalar: model.vae.latentScale)
    }

    /// `torch.nn.functional.interpolate(mode="nearest")`: source index ⌊dst · in / out⌋.
    static func nearest(_ values: [Float], width: Int, height: Int, toWidth: Int, toHeight: Int) -> [Float] {
        (0..<toHeight).flatMap { y in
            (0..<toWidth).map { x in values[(y * height / toHeight) * width + x * width / toWidth] }
        }
    }

    static func repeated(_ x: Tensor, batchSize: Int, backend: any Backend) throws -> Tensor {
        batchSize == 1 ? x : try backend.concat(Array(repeating: x, count: batchSize), dim: 0)
    }
}
