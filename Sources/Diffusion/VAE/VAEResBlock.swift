import Tensor

/// The AutoencoderKL `ResnetBlock` (no timestep): `norm1`, SiLU, `conv1`, `norm2`, SiLU,
/// `conv2`, plus a 1x1 `nin_shortcut` when the width changes. GroupNorm eps is 1e-6.
struct VAEResBlock: Sendable {
    let norm1: GroupNorm
    let conv1: Conv2D
    let norm2: GroupNorm
    let conv2: Conv2D
    let shortcut: Conv2D?

    init(_ weights: WeightReader, inputs: Int, outputs: Int) throws(DiffusionError) {
        norm1 = try GroupNorm(weights.child("norm1"), channels: inputs, eps: 1e-6)
        conv1 = try Conv2D(weights.child("conv1"), inputs: inputs, outputs: outputs, kernel: 3)
        norm2 = try GroupNorm(weights.child("norm2"), channels: outputs, eps: 1e-6)
        conv2 = try Conv2D(weights.child("conv2"), inputs: outputs, outputs: outputs, kernel: 3)
        shortcut = inputs == outputs ? nil : try Conv2D(weights.child("nin_shortcut"), inputs: inputs, outputs: outputs, kernel: 1)
    }

    /// `[B, Cin, H, W]` -> `[B, Cout, H, W]`.
    func callAsFunction(_ x: Tensor, backend: any Backend) throws -> Tensor {
        var h = try norm1(x, backend: backend, activation: .silu)
        h = try conv1(h, backend: backend)
        h = try norm2(h, backend: backend, activation: .silu)
        let residual = try shortcut.map { try $0(x, backend: backend) } ?? x  // [B, Cout, H, W]
        return try conv2(h, backend: backend, epilogue: Epilogue(residual: residual))
    }
}
