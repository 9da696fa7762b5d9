import Checkpoint
import Tensor

/// One pre-LN transformer block (`encoder.layers.N.*`): x + attn(LN1(x)), then x + MLP(LN2(x)).
struct CLIPEncoderLayer: Sendable {
    let layerNorm1: LayerNorm
    let attention: CLIPAttention
    let layerNorm2: LayerNorm
    let fc1, fc2: Linear
    let activation: Activation

    init(_ c: CLIPConfig, prefix p: String, reader: inout CLIPWeightReader) throws(ModelLoadError) {
        layerNorm1 = try reader.layerNorm(p + "layer_norm1.", width: c.width, eps: CLIPTextTransformer.layerNormEps)
        attention = try CLIPAttention(c, prefix: p + "self_attn.", reader: &reader)
        layerNorm2 = try reader.layerNorm(p + "layer_norm2.", width: c.width, eps: CLIPTextTransformer.layerNormEps)
        fc1 = try reader.linear(p + "mlp.fc1.", in: c.width, out: c.intermediateSize)
        fc2 = try reader.linear(p + "mlp.fc2.", in: c.intermediateSize, out: c.width)
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
