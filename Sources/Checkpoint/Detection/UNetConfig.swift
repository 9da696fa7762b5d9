/// The shape of an LDM/SGM UNet, as derived from its tensors. Lists are in checkpoint order.
public struct UNetConfig: Sendable, Equatable, Codable {
    public var inChannels: Int
    public var outChannels: Int
    public var modelChannels: Int
    /// Channel multiplier per resolution level.
    public var channelMult: [Int]
    /// ResBlocks per level in the down path (the up path has one more per level).
    public var numResBlocks: [Int]
    /// Transformer blocks after each down-path ResBlock, level by level.
    public var transformerDepth: [Int]
    /// Transformer blocks in the middle block (0: the middle block has no attention).
    public var transformerDepthMiddle: Int
    /// Transformer blocks in each output block, `output_blocks.0` first.
    public var transformerDepthOutput: [Int]
    /// Width of the cross-attention context (text encoder hidden size); nil without attention.
    public var contextDim: Int?
    /// SD2/SDXL use linear proj_in/proj_out; SD1 uses 1x1 convolutions.
    public var useLinearProjection: Bool
    /// Width of the SDXL vector conditioning (pooled text + size embeddings); nil for SD1/SD2.
    public var admInChannels: Int?
    public var attentionHeads: AttentionHeads

    public init(
        inChannels: Int, outChannels: Int, modelChannels: Int, channelMult: [Int], numResBlocks: [Int],
        transformerDepth: [Int], transformerDepthMiddle: Int, transformerDepthOutput: [Int], contextDim: Int?,
        useLinearProjection: Bool, admInChannels: Int?, attentionHeads: AttentionHeads
    ) {
        self.inChannels = inChannels
        self.outChannels = outChannels
        self.modelChannels = modelChannels
        self.channelMult = channelMult
        self.numResBlocks = numResBlocks
        self.transformerDepth = transformerDepth
        self.transformerDepthMiddle = transformerDepthMiddle
        self.transformerDepthOutput = transformerDepthOutput
        self.contextDim = contextDim
        self.useLinearProjection = useLinearProjection
        self.admInChannels = admInChannels
        self.attentionHeads = attentionHeads
    }

    /// Why the per-level lists cannot describe one UNet, or nil when they agree.
    public var inconsistency: String? {
        if channelMult.isEmpty || channelMult.count != numResBlocks.count {
            return "channelMult \(channelMult) and numResBlocks \(numResBlocks) need one entry per level"
        }
        if transformerDepth.count != numResBlocks.reduce(0, +) {
            return "transformerDepth needs one entry per input ResBlock (\(numResBlocks.reduce(0, +)))"
        }
        if transformerDepthOutput.count != numResBlocks.reduce(0, { $0 + $1 + 1 }) {
            return "transformerDepthOutput needs one entry per output block"
        }
        return nil
    }

    /// Width of the timestep embedding.
    public var timeEmbedDim: Int { modelChannels * 4 }
}

/// Attention head layout. Head counts are not visible in tensor shapes, so detection applies
/// the published convention: SD1 (conv projections) uses 8 heads at every level, SD2 and SDXL
/// (linear projections) use 64-wide heads. A transformer narrower than one head (tiny test
/// models) gets a single head of its full width.
public enum AttentionHeads: Sendable, Equatable, Codable {
    case count(Int)
    case headDim(Int)

    /// (heads, head width) for a transformer of `channels` width.
    public func split(channels: Int) -> (heads: Int, headDim: Int) {
        switch self {
        case let .count(heads): (heads, channels / max(heads, 1))
        case let .headDim(dim): channels < dim ? (1, channels) : (channels / max(dim, 1), dim)
        }
    }
}
