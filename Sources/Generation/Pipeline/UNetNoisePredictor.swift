import Diffusion
import Sampling
import Tensor

/// The UNet as the samplers' `NoisePredictor` for one batch: flat latents in, ε or v out.
/// Inpainting models get the mask and masked-image latent (`[B, 5, h, w]`) appended on channels.
struct UNetNoisePredictor: NoisePredictor {
    typealias Conditioning = PromptConditioning

    let unet: UNet
    /// `[B, C, h, w]` of the latents the sampler works on.
    let shape: [Int]
    let inpaintingConditioning: Tensor?

    func predict(_ input: [Float], timestep: Float, conditioning: PromptConditioning) async throws -> [Float] {
        var x = try Tensor(shape: shape, values: input)  // [B, C, h, w]
        if let inpaintingConditioning {
            x = try unet.backend.concat([x, inpaintingConditioning], dim: 1)  // [B, C + 5, h, w]
        }
        let timesteps = [Float](repeating: timestep, count: shape[0])
        return try unet(x, timesteps: timesteps, context: conditioning.crossAttention, y: conditioning.vector).floats()
    }
}
