import Foundation

extension ReferenceBackend {
    public func groupNorm(_ x: Tensor, groups: Int, weight: Tensor?, bias: Tensor?, eps: Float) throws -> Tensor {
        guard x.rank >= 2, groups > 0, x.shape[1] % groups == 0 else {
            throw TensorError.invalidArgument(op: "groupNorm", reason: "\(groups) groups for shape \(x.shape)")
        }
        let (n, c) = (x.shape[0], x.shape[1])
        let spatial = x.count / max(n * c, 1)
        let gamma = try vector(weight, count: c, op: "groupNorm weight")
        let beta = try vector(bias, count: c, op: "groupNorm bias")
        let channelsPerGroup = c / groups
        let groupSize = channelsPerGroup * spatial
        let xs = x.floats()
        var out = [Float](repeating: 0, count: x.count)
        for img in 0..<n {
            for g in 0..<groups {
                let start = (img * c + g * channelsPerGroup) * spatial
                let (mean, variance) = Self.moments(xs, start: start, count: groupSize)
                let inverseStd = 1 / (variance + Double(eps)).squareRoot()
                for i in 0..<groupSize {
                    let channel = g * channelsPerGroup + i / spatial
                    let normed = (Double(xs[start + i]) - mean) * inverseStd
                    out[start + i] = Float(normed * Double(gamma?[channel] ?? 1) + Double(beta?[channel] ?? 0))
                }
            }
        }
        return try output(x.shape, out)
    }

    public func layerNorm(_ x: Tensor, weight: Tensor?, bias: Tensor?, eps: Float) throws -> Tensor {
        guard let width = x.shape.last, width > 0 else {
            throw TensorError.invalidArgument(op: "layerNorm", reason: "empty last dim in \(x.shape)")
        }
        let gamma = try vector(weight, count: width, op: "layerNorm weight")
        let beta = try vector(bias, count: width, op: "layerNorm bias")
        let xs = x.floats()
        var out = [Float](repeating: 0, count: x.count)
        for row in 0..<(x.count / width) {
            let start = row * width
            let (mean, variance) = Self.moments(xs, start: start, count: width)
            let inverseStd = 1 / (variance + Double(eps)).squareRoot()
            for i in 0..<width {
                let normed = (Double(xs[start + i]) - mean) * inverseStd
                out[start + i] = Float(normed * Double(gamma?[i] ?? 1) + Double(beta?[i] ?? 0))
            }
        }
        return try output(x.shape, out)
    }

    public func softmax(_ x: Tensor) throws -> Tensor {
        guard let width = x.shape.last, width > 0 else {
            throw TensorError.invalidArgument(op: "softmax", reason: "empty last dim in \(x.shape)")
        }
        let xs = x.floats()
        var out = [Float](repeating: 0, count: x.count)
        for row in 0..<(x.count / width) {
            let start = row * width
            let maxValue = xs[start..<(start + width)].max() ?? 0
            var total = 0.0
            for i in 0..<width { total += exp(Double(xs[start + i] - maxValue)) }
            for i in 0..<width { out[start + i] = Float(exp(Double(xs[start + i] - maxValue)) / total) }
        }
        return try output(x.shape, out)
    }

    public func mean(_ x: Tensor, dims: [Int], keepDims: Bool) throws -> Tensor {
        let reduction = try Reduction(shape: x.shape, dims: dims, op: "mean")
        let sums = reduction.sum(x.floats())
        return try output(reduction.outputShape(keepDims: keepDims), sums.map { Float($0 / Double(reduction.groupSize)) })
    }

    public func variance(_ x: Tensor, dims: [Int], correction: Int, keepDims: Bool) throws -> Tensor {
        let reduction = try Reduction(shape: x.shape, dims: dims, op: "variance")
        let xs = x.floats()
        let means = reduction.sum(xs).map { $0 / Double(reduction.groupSize) }
        var squares = [Double](repeating: 0, count: means.count)
        for i in 0..<xs.count {
            let slot = reduction.outputIndex(of: i)
            let diff = Double(xs[i]) - means[slot]
            squares[slot] += diff * diff
        }
        let divisor = Double(max(reduction.groupSize - correction, 0))
        return try output(reduction.outputShape(keepDims: keepDims), squares.map { Float($0 / divisor) })
    }

    /// Mean and biased variance of `count` values from `start`, two passes in Double.
    static func moments(_ values: [Float], start: Int, count: Int) -> (mean: Double, variance: Double) {
        var sum = 0.0
        for i in start..<(start + count) { sum += Double(values[i]) }
        let mean = sum / Double(count)
        var squares = 0.0
        for i in start..<(start + count) {
            let diff = Double(values[i]) - mean
            squares += diff * diff
        }
        return (mean, squares / Double(count))
    }
}
