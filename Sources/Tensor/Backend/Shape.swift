/// Shape arithmetic shared by backends: strides, dim normalisation, broadcasting.
public enum Shape {
    /// Row-major strides in elements.
    public static func strides(_ shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        var running = 1
        for i in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[i] = running
            running *= shape[i]
        }
        return strides
    }

    /// Turns a possibly negative `dim` into `0..<rank`.
    public static func normalize(dim: Int, rank: Int, op: String) throws -> Int {
        let d = dim < 0 ? dim + rank : dim
        guard d >= 0, d < rank else {
            throw TensorError.invalidArgument(op: op, reason: "dim \(dim) out of range for rank \(rank)")
        }
        return d
    }

    /// The NumPy broadcast of two shapes (aligned at the right).
    public static func broadcast(_ a: [Int], _ b: [Int], op: String) throws -> [Int] {
        let rank = max(a.count, b.count)
        let pa = [Int](repeating: 1, count: rank - a.count) + a
        let pb = [Int](repeating: 1, count: rank - b.count) + b
        return try (0..<rank).map { i in
            if pa[i] == pb[i] || pb[i] == 1 { return pa[i] }
            if pa[i] == 1 { return pb[i] }
            throw TensorError.shapeMismatch(op: op, expected: a, got: b)
        }
    }

    /// Strides that read `shape` as if broadcast to `target` (0 along broadcast dims).
    public static func broadcastStrides(_ shape: [Int], to target: [Int]) -> [Int] {
        let padded = [Int](repeating: 1, count: target.count - shape.count) + shape
        let natural = strides(padded)
        return (0..<target.count).map { padded[$0] == 1 && target[$0] != 1 ? 0 : natural[$0] }
    }
}
