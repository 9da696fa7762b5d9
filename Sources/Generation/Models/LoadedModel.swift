import Checkpoint
import Diffusion
import Tensor

/// A checkpoint ready to generate: what it is, its UNet, VAE and prompt encoder, all prepared
/// for one backend. A value shared by every job that uses it; a LoRA switch makes a new value
/// (`applying(_:)`) whose UNet and text encoders carry the LoRA set in `loras`.
public struct LoadedModel: Sendable {
    public let selection: ModelSelection
    public let detected: DetectedModel
    public internal(set) var unet: UNet
    public let vae: AutoencoderKL
    public internal(set) var promptEncoder: PromptEncoder
    public let backend: any Backend
    /// Bytes of the stored tensors the model was built from (checkpoint and standalone VAE):
    /// what the model cache counts against its memory budget.
    public let weightBytes: Int
    /// The LoRA set in force and what switching needs (`LoadedModel+LoRA.swift`).
    public internal(set) var loras: LoRAModelState

    public init(
        selection: ModelSelection, detected: DetectedModel, unet: UNet, vae: AutoencoderKL, promptEncoder: PromptEncoder,
        backend: any Backend, weightBytes: Int = 0, loras: LoRAModelState = .unpatchable
    ) {
        self.selection = selection
        self.detected = detected
        self.unet = unet
        self.vae = vae
        self.promptEncoder = promptEncoder
        self.backend = backend
        self.weightBytes = weightBytes
        self.loras = loras
    }

    public var family: ModelFamily { detected.architecture.family }
    public var latentChannels: Int { detected.unet.outChannels }
    public var isInpainting: Bool { detected.architecture.isInpainting }
}
