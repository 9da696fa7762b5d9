import Tensor

/// How a canonical tensor is obtained from a source tensor. All but `transpose` are views.
public enum KeyTransform: Sendable, Equatable {
    case identity
    /// Block `index` of `count` equal blocks along dimension 0 (a fused q/k/v projection).
    case rowBlock(index: Int, count: Int)
    /// A 2-D matrix transposed (OpenCLIP's `text_projection` is stored input-major). Copies.
    case transpose
    /// A linear weight seen as a 1x1 convolution (`[o, i]` → `[o, i, 1, 1]`); a weight that is
    /// already 4-D passes through.
    case appendUnitDimensions

    /// The canonical shape for a source shape, or nil when the transform does not apply.
    func shape(from shape: [Int]) -> [Int]? {
        switch self {
        case .identity: return shape
        case let .rowBlock(_, count):
            guard let rows = shape.first, rows % count == 0 else { return nil }
            return [rows / count] + shape.dropFirst()
        case .transpose:
            guard shape.count == 2 else { return nil }
            return [shape[1], shape[0]]
        case .appendUnitDimensions:
            if shape.count == 4 { return shape }
            guard shape.count == 2 else { return nil }
            return shape + [1, 1]
        }
    }

    func apply(_ tensor: Tensor) throws -> Tensor {
        switch self {
        case .identity:
            return tensor
        case let .rowBlock(index, count):
            let rows = tensor.shape[0] / count
            let blockBytes = tensor.byteCount / count
            return try Tensor(shape: [rows] + tensor.shape.dropFirst(), dtype: tensor.dtype, storage: tensor.storage,
                              byteOffset: tensor.byteOffset + index * blockBytes)
        case .transpose:
            let (rows, columns) = (tensor.shape[0], tensor.shape[1])
            let values = tensor.floats()
            var transposed = [Float](repeating: 0, count: values.count)
            for r in 0..<rows {
                for c in 0..<columns { transposed[c * rows + r] = values[r * columns + c] }
            }
            return try Tensor(shape: [columns, rows], values: transposed, dtype: tensor.dtype)
        case .appendUnitDimensions:
            return tensor.rank == 4 ? tensor : try tensor.reshaped(tensor.shape + [1, 1])
        }
    }
}

/// Where a canonical key comes from.
public struct KeyMapping: Sendable, Equatable {
    public let sourceKey: String
    public let transform: KeyTransform

    public init(_ sourceKey: String, _ transform: KeyTransform = .identity) {
        self.sourceKey = sourceKey
        self.transform = transform
    }
}
