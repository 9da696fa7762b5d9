import Tensor

/// What the UNet is conditioned on for a batch of prompt texts.
public struct PromptConditioning: Sendable {
    /// `[B, 77·k, context]`: cross-attention context (768 SD1, 1024 SD2, 2048 SDXL, 1280 refiner).
    public var crossAttention: Tensor
    /// SDXL's `y` `[B, 2816]` (refiner `[B, 2560]`); nil for SD1 and SD2.
    public var vector: Tensor?

    public init(crossAttention: Tensor, vector: Tensor?) {
        self.crossAttention = crossAttention
        self.vector = vector
    }

    /// Chunks of 77 tokens in `crossAttention`.
    public var chunkCount: Int { crossAttention.shape[1] / 77 }
}

/// One entry of a prompt's schedule with its conditioning (batch of one).
public struct ScheduledConditioning: Sendable {
    /// The last sampler step (1-based) that uses this conditioning.
    public var endStep: Int
    public var conditioning: PromptConditioning

    public init(endStep: Int, conditioning: PromptConditioning) {
        self.endStep = endStep
        self.conditioning = conditioning
    }
}
