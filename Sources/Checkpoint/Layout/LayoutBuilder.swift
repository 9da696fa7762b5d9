/// Accumulates canonical keys and shapes; shared by the UNet, VAE and CLIP layouts.
struct LayoutBuilder {
    private(set) var shapes: [String: [Int]] = [:]

    mutating func add(_ key: String, _ shape: [Int]) {
        shapes[key] = shape
    }

    /// `weight` and `bias` of a linear layer (out × in).
    mutating func linear(_ prefix: String, _ inputs: Int, _ outputs: Int, bias: Bool = true) {
        add(prefix + "weight", [outputs, inputs])
        if bias { add(prefix + "bias", [outputs]) }
    }

    /// `weight` and `bias` of a convolution (out × in × k × k).
    mutating func conv(_ prefix: String, _ inputs: Int, _ outputs: Int, kernel: Int) {
        add(prefix + "weight", [outputs, inputs, kernel, kernel])
        add(prefix + "bias", [outputs])
    }

    /// GroupNorm or LayerNorm affine parameters.
    mutating func norm(_ prefix: String, _ channels: Int) {
        add(prefix + "weight", [channels])
        add(prefix + "bias", [channels])
    }
}
