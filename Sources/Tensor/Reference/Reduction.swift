/// Maps each input element of a reduction over some dims to its output slot.
struct Reduction {
    let shape: [Int]
    let reduced: Set<Int>
    let strides: [Int]
    let outStrides: [Int]
    let groupSize: Int

    init(shape: [Int], dims: [Int], op: String) throws {
        self.shape = shape
        let reduced = Set(try dims.map { try Shape.normalize(dim: $0, rank: shape.count, op: op) })
        self.reduced = reduced
        strides = Shape.strides(shape)
        outStrides = Shape.strides(shape.indices.map { reduced.contains($0) ? 1 : shape[$0] })
        groupSize = reduced.reduce(1) { $0 * shape[$1] }
    }

    func outputShape(keepDims: Bool) -> [Int] {
        shape.indices.compactMap { reduced.contains($0) ? (keepDims ? 1 : nil) : shape[$0] }
    }

    func outputIndex(of linear: Int) -> Int {
        var slot = 0
        for d in shape.indices where !reduced.contains(d) {
            slot += (linear / strides[d]) % shape[d] * outStrides[d]
        }
        return slot
    }

    func sum(_ values: [Float]) -> [Double] {
        var sums = [Double](repeating: 0, count: shape.count == 0 ? 1 : outputShape(keepDims: true).reduce(1, *))
        for i in 0..<values.count { sums[outputIndex(of: i)] += Double(values[i]) }
        return sums
    }
}
