/// The ops the Stable Diffusion models (CLIP, UNet, VAE) are written in. Model code holds an
/// `any Backend` and never names a concrete one; `ReferenceBackend` is the slow oracle every
/// fast backend is tested against.
///
/// Conventions shared by every op:
/// - Inputs may be any `DType`; outputs are f32 unless a backend documents otherwise (a bf16
///   backend may return bf16 activations). Read results with `Tensor.floats()`.
/// - Images are NCHW; attention tensors are `[B, heads, T, d]`.
/// - A negative `dim` counts from the end, as in PyTorch.
/// - Shape or argument errors throw `TensorError`.
///
/// Fused ops (`linear(_:weight:bias:epilogue:)`, `conv2d(...epilogue:)`,
/// `groupNorm(...activation:)`) have default implementations composed from the primitives in
/// `Backend+Fused.swift`; a backend overrides them where fusing saves a pass over memory.
public protocol Backend: Sendable {
    /// What the heavy ops multiply in.
    var precision: Precision { get }

    // MARK: Weights

    /// Prepares a linear weight `[out, in]` once at load time.
    func prepareLinearWeight(_ weight: Tensor) throws -> PreparedWeight
    /// Prepares a conv weight `[outC, inC, kH, kW]` once at load time.
    func prepareConvWeight(_ weight: Tensor) throws -> PreparedWeight
    /// The bytes a weight stored as `dtype` (`count` elements) keeps resident once prepared;
    /// model memory budgets are estimated with it. The default is the stored size (a backend
    /// that computes from the weight as loaded).
    func preparedByteCount(storedAs dtype: DType, count: Int) -> Int

    // MARK: Matrix products

    /// `x · Wᵀ + bias` for `x` `[..., in]`, weight `[out, in]`, bias `[out]` -> `[..., out]`.
    func linear(_ x: Tensor, weight: PreparedWeight, bias: Tensor?) throws -> Tensor
    /// Fused `residual + activation(x · Wᵀ + bias)`.
    func linear(_ x: Tensor, weight: PreparedWeight, bias: Tensor?, epilogue: Epilogue) throws -> Tensor
    /// `a [..., M, K] · b [..., K, N]` (or `b [..., N, K]` with `transposeB`); leading batch
    /// dims broadcast.
    func matmul(_ a: Tensor, _ b: Tensor, transposeB: Bool) throws -> Tensor
    /// `softmax(q·kᵀ · scale [+ causal mask]) · v` for q `[B, H, Tq, d]`, k `[B, H, Tk, d]`,
    /// v `[B, H, Tk, dv]` -> `[B, H, Tq, dv]`. `scale` defaults to 1/√d. A causal mask lets
    /// query i see keys 0...i (CLIP's text encoder).
    func attention(q: Tensor, k: Tensor, v: Tensor, scale: Float?, causal: Bool) throws -> Tensor

    // MARK: Convolution

    /// 2-D convolution, NCHW, weight `[outC, inC, kH, kW]`, bias `[outC]`.
    func conv2d(_ x: Tensor, weight: PreparedWeight, bias: Tensor?, options: Conv2DOptions) throws -> Tensor
    /// Fused `residual + activation(conv2d(x) + bias)`.
    func conv2d(
        _ x: Tensor, weight: PreparedWeight, bias: Tensor?, options: Conv2DOptions, epilogue: Epilogue
    ) throws -> Tensor

    // MARK: Normalisation and reductions

    /// Group norm over `[N, C, ...]` with `groups` dividing C; optional per-channel affine.
    func groupNorm(_ x: Tensor, groups: Int, weight: Tensor?, bias: Tensor?, eps: Float) throws -> Tensor
    /// Fused `activation(groupNorm(x))`, e.g. the GroupNorm + SiLU pair in every ResBlock.
    func groupNorm(
        _ x: Tensor, groups: Int, weight: Tensor?, bias: Tensor?, eps: Float, activation: Activation?
    ) throws -> Tensor
    /// Layer norm over the last dimension; weight and bias `[lastDim]`.
    func layerNorm(_ x: Tensor, weight: Tensor?, bias: Tensor?, eps: Float) throws -> Tensor
    /// Softmax over the last dimension.
    func softmax(_ x: Tensor) throws -> Tensor
    /// Mean over `dims`.
    func mean(_ x: Tensor, dims: [Int], keepDims: Bool) throws -> Tensor
    /// Variance over `dims` with `Σ(x-mean)² / (n - correction)`; PyTorch's default is 1.
    func variance(_ x: Tensor, dims: [Int], correction: Int, keepDims: Bool) throws -> Tensor

    // MARK: Elementwise

    func activation(_ x: Tensor, _ kind: Activation) throws -> Tensor
    /// Splits the last dim into halves `a, b` and returns `a * gelu(b)` (exact GELU).
    func geglu(_ x: Tensor) throws -> Tensor
    /// `a op b` with broadcasting.
    func binary(_ a: Tensor, _ b: Tensor, _ op: BinaryOp) throws -> Tensor
    /// `x * scale + offset`.
    func affine(_ x: Tensor, scale: Float, offset: Float) throws -> Tensor
    /// A contiguous copy in another element type, rounding to nearest even.
    func convert(_ x: Tensor, to dtype: DType) throws -> Tensor

    // MARK: Layout

    func concat(_ tensors: [Tensor], dim: Int) throws -> Tensor
    /// Elements `start..<end` along `dim`.
    func slice(_ x: Tensor, dim: Int, start: Int, end: Int) throws -> Tensor
    /// Output dim i is input dim `dims[i]` (PyTorch `permute`).
    func permute(_ x: Tensor, _ dims: [Int]) throws -> Tensor
    /// Zero padding: `before[i]` and `after[i]` elements around dim i (one entry per dim).
    func pad(_ x: Tensor, before: [Int], after: [Int]) throws -> Tensor
    /// Rows of `table [vocab, dim]` at `indices` -> `[indices.count, dim]`.
    func embedding(_ table: Tensor, indices: [Int]) throws -> Tensor

    // MARK: Resampling (NCHW)

    /// Nearest-neighbour resize to `height × width`: source index `floor(dst · in / out)`.
    func resizeNearest(_ x: Tensor, height: Int, width: Int) throws -> Tensor
    /// Bilinear or bicubic resize with `align_corners=False`.
    func resize(_ x: Tensor, height: Int, width: Int, mode: ResizeMode) throws -> Tensor
}

extension Backend {
    public func preparedByteCount(storedAs dtype: DType, count: Int) -> Int { count * dtype.byteSize }
}
