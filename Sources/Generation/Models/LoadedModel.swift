import Checkpoint
import Diffusion
import Tensor

/// A checkpoint ready to generate: what it is, its UNet, VAE and prompt encoder, all prepared
/// for one backend. Immutable and shared by every job that uses it.
public struct LoadedModel: Sendable {
    public let selection: ModelSelection
    public let detected: DetectedModel
    public let unet: UNet
    public let vae: AutoencoderKL
    public let promptEncoder: PromptEncoder
    public let backend: any Backend
    /// Bytes of the stored tensors the model was built from (checkpoint and standalone VAE):
    /// what the model cache counts against its memory budget.
    public let weightBytes: Int

    public init(
        selection: ModelSelection, detected: DetectedModel, unet: UNet, vae: AutoencoderKL, promptEncoder: PromptEncoder,
        backend: any Backend, weightBytes: Int = 0
    ) {
        self.selection = selection
        self.detected = detected
        self.unet = unet
        self.vae = vae
        self.promptEncoder = promptEncoder
        self.backend = backend
        self.weightBytes = weightBytes
    }

    public var family: ModelFamily { detected.architecture.family }
    public var latentChannels: Int { detected.unet.outChannels }
    public var isInpainting: Bool { detected.architecture.isInpainting }
}
