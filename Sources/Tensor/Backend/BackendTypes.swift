/// Arithmetic precision a backend computes in. Inputs and outputs may be any `DType`;
/// precision says what the heavy ops (matmul, conv, attention) multiply in.
public enum Precision: String, Sendable, CaseIterable, Codable {
    /// f32 everywhere: exact parity runs and CPUs without bf16 instructions.
    case fp32
    /// bf16 operands with f32 accumulation (AMX / AVX512_BF16).
    case bf16
}

/// How a backend keeps prepared weights whose values fit in 16 bits exactly (an f16 or bf16
/// checkpoint, or any weight under emulated bf16).
public enum WeightStorage: String, Sendable, CaseIterable, Codable {
    /// In 16 bits, widened for each call: half the memory, the same results, a little slower.
    case compact
    /// Widened to f32 once at load.
    case widened
}

/// Pointwise activations, usable alone or fused into a linear/conv epilogue or a norm.
public enum Activation: String, Sendable, CaseIterable {
    /// x * sigmoid(x)
    case silu
    /// x * Φ(x) with the exact error function.
    case geluExact
    /// 0.5 x (1 + tanh(√(2/π) (x + 0.044715 x³)))
    case geluTanh
    /// x * sigmoid(1.702 x), used by OpenAI's CLIP ViT-L text encoder.
    case quickGELU
}

/// Elementwise binary ops with NumPy/PyTorch broadcasting.
public enum BinaryOp: String, Sendable, CaseIterable {
    case add, sub, mul, div
}

/// Interpolating resize modes, both with PyTorch's `align_corners=False` semantics.
public enum ResizeMode: String, Sendable, CaseIterable {
    case bilinear
    /// Cubic convolution with A = -0.75, edge pixels replicated (PyTorch `bicubic`).
    case bicubic
}

/// What a convolution reads outside its input: zeros, or the input wrapped around as on a torus
/// (PyTorch `padding_mode='circular'`, which A1111's seamless tiling sets on every Conv2d).
public enum PaddingMode: String, Sendable, Hashable, CaseIterable {
    case zeros, circular
}

/// Geometry of a 2-D convolution. Groups are always 1 and dilation 1 in the SD models.
public struct Conv2DOptions: Sendable, Hashable {
    public var strideH: Int
    public var strideW: Int
    public var padH: Int
    public var padW: Int
    /// Circular padding needs `padH ≤ height` and `padW ≤ width`, as in PyTorch.
    public var paddingMode: PaddingMode = .zeros

    public init(stride: Int = 1, padding: Int = 0) {
        self.init(strideH: stride, strideW: stride, padH: padding, padW: padding)
    }

    public init(strideH: Int, strideW: Int, padH: Int, padW: Int) {
        self.strideH = strideH
        self.strideW = strideW
        self.padH = padH
        self.padW = padW
    }
}

/// What a fused linear/conv does after `x·Wᵀ + bias`: `residual + activation(y)`.
/// Either part may be absent; the default epilogue does nothing.
public struct Epilogue: Sendable {
    public var activation: Activation?
    /// Added last; must have the output's shape exactly (no broadcasting).
    public var residual: Tensor?

    public init(activation: Activation? = nil, residual: Tensor? = nil) {
        self.activation = activation
        self.residual = residual
    }

    public static let none = Epilogue()
}

/// A weight after a backend has prepared it once at load time (for example reordered into a
/// blocked layout and converted to bf16). Model code keeps it and passes it back to the same
/// backend; only that backend looks inside `backendData`.
public struct PreparedWeight: Sendable {
    /// The weight as loaded: linear `[out, in]`, conv `[outC, inC, kH, kW]`.
    public let original: Tensor
    /// The backend's own form of the weight, or nil where it uses `original` directly.
    public let backendData: (any Sendable)?

    public init(original: Tensor, backendData: (any Sendable)? = nil) {
        self.original = original
        self.backendData = backendData
    }

    public var shape: [Int] { original.shape }
}
