import Foundation
import Tensor

/// The sinusoidal timestep features of ldm's `timestep_embedding` (diffusers `Timesteps` with
/// `flip_sin_to_cos`, shift 0): for `half = dim / 2` frequencies `exp(-ln(10000)·i/half)`, the
/// row is `[cos(t·f), sin(t·f)]`. Computed in f32 in the same order as PyTorch.
public func sinusoidalEmbedding(_ timesteps: [Float], dim: Int) throws -> Tensor {
    let half = dim / 2
    let logPeriod = Float(-log(10000.0))
    let frequencies = (0..<half).map { i in Float(exp(Double((logPeriod * Float(i)) / Float(half)))) }
    var values = [Float](repeating: 0, count: timesteps.count * dim)  // [B, dim]; odd dim leaves a zero column
    for (row, t) in timesteps.enumerated() {
        for (i, frequency) in frequencies.enumerated() {
            let argument = t * frequency
            values[row * dim + i] = Float(cos(Double(argument)))
            values[row * dim + half + i] = Float(sin(Double(argument)))
        }
    }
    return try Tensor(shape: [timesteps.count, dim], values: values)
}

/// `Linear, SiLU, Linear`, stored as `<prefix>.0` and `<prefix>.2` (`time_embed`, `label_emb.0`).
struct EmbeddingMLP: Sendable {
    let first: Linear
    let second: Linear

    init(_ weights: WeightReader, inputs: Int, outputs: Int) throws(DiffusionError) {
        first = try Linear(weights.child(0), inputs: inputs, outputs: outputs)
        second = try Linear(weights.child(2), inputs: outputs, outputs: outputs)
    }

    /// `[B, in]` -> `[B, out]`, plus `residual` when given.
    func callAsFunction(_ x: Tensor, backend: any Backend, residual: Tensor? = nil) throws -> Tensor {
        let hidden = try first(x, backend: backend, epilogue: Epilogue(activation: .silu))
        return try second(hidden, backend: backend, epilogue: Epilogue(residual: residual))
    }
}
