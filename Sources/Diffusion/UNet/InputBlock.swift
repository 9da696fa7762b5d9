import Tensor

/// One entry of `input_blocks` after `conv_in`: a residual stage or a stride-2 conv (`<n>.0.op`).
enum InputBlock: Sendable {
    case stage(ResidualStage)
    case downsample(Conv2D)

    /// `[B, C, H, W]` -> `[B, C', H, W]`, or `[B, C, ⌈H/2⌉, ⌈W/2⌉]` for a downsample.
    func callAsFunction(_ x: Tensor, _ inputs: BlockInputs) throws -> Tensor {
        switch self {
        case let .stage(stage): try stage(x, inputs)
        case let .downsample(conv): try conv(x, backend: inputs.backend)
        }
    }
}
