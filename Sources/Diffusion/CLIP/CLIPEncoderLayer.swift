import Checkpoint
import Tensor

/// One pre-LN transformer block (`encoder.layers.N.*`): x + attn(LN1(x)), then x + MLP(LN2(x)).
struct CLIPEncoderLayer: Sendable {
    let layerNorm1: LayerNorm
    let attention: CLIPAttention
    let layerNorm2: LayerNorm
    let fc1, fc2: Linear
    let activation: Activation

    init(_ c: CLIPConfig, weights: WeightReader) throws(DiffusionError) {
        layerNorm1 = try LayerNorm(weights.child("layer_norm1"), channels: c.width, eps: CLIPTextTransformer.layerNormEps)
        attention = try CLIPAttention(c, weights: weights.child("self_attn"))
        layerNorm2 = try LayerNorm(weights.child("layer_norm2"), channels: c.width, eps: CLIPTextTransformer.layerNormEps)
        fc1 = try Linear(weights.child("mlp").child("fc1"), inputs: c.width, outputs: c.intermediateSize)
        fc2 = try Linear(weights.child("mlp").child("fc2"), inputs: c.intermediateSize, outputs: c.width)
        activation = switch c.activation {
        case .quickGELU: .quickGELU
        case .gelu: .geluExact
        }
    }

    func callAsFunction(_ x: Tensor, backend: any Backend) throws -> Tensor {
        // x: [B, T, D]
        let attended = try attention(try layerNorm1(x, backend: backend), residual: x, backend: backend)
        let h = try fc1(try layerNorm2(attended, backend: backend), backend: backend, epilogue: Epilogue(activation: activation))  // [B, T, MLP]
        return try fc2(h, backend: backend, epilogue: Epilogue(residual: attended))  // [B, T, D]
    }
}
