import Diffusion
import Imaging
import Tensor

/// Sampler-space latents to RGB images through the model's VAE, rounded as A1111 does.
struct LatentDecoder: Sendable {
    let vae: AutoencoderKL

    /// `latents` `[B, C, h, w]` flat -> B images of `w·8 × h·8`.
    func images(_ latents: [Float], batch: Int, channels: Int, height: Int, width: Int) throws -> [Image] {
        let z = try Tensor(shape: [batch, channels, height, width], values: latents)
        let pixels = try vae.decodeUnscaled(vae.backend.mul(z, scalar: 1 / vae.latentScale)).floats()  // [B, 3, H, W] in ~[-1, 1]
        let (outHeight, outWidth) = (height * vae.downscaleFactor, width * vae.downscaleFactor)
        let plane = 3 * outHeight * outWidth
        return try (0..<batch).map { b in
            try Image(vaeOutputPlanes: Array(pixels[b * plane..<(b + 1) * plane]), width: outWidth, height: outHeight)
        }
    }
}
