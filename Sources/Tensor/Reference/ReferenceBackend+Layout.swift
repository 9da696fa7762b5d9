extension ReferenceBackend {
    public func concat(_ tensors: [Tensor], dim: Int) throws -> Tensor {
        guard let first = tensors.first else {
            throw TensorError.invalidArgument(op: "concat", reason: "no tensors")
        }
        let d = try Shape.normalize(dim: dim, rank: first.rank, op: "concat")
        for t in tensors where t.rank != first.rank
            || t.shape.indices.contains(where: { $0 != d && t.shape[$0] != first.shape[$0] }) {
            throw TensorError.shapeMismatch(op: "concat", expected: first.shape, got: t.shape)
        }
        let outer = first.shape[..<d].reduce(1, *)
        var shape = first.shape
        shape[d] = tensors.reduce(0) { $0 + $1.shape[d] }
        let chunks = tensors.map { ($0.floats(), $0.count / max(outer, 1)) }
        var out = [Float]()
        out.reserveCapacity(shape.reduce(1, *))
        for o in 0..<outer {
            for (values, chunk) in chunks { out += values[(o * chunk)..<((o + 1) * chunk)] }
        }
        return try output(shape, out)
    }

    public func slice(_ x: Tensor, dim: Int, start: Int, end: Int) throws -> Tensor {
        let d = try Shape.normalize(dim: dim, rank: x.rank, op: "slice")
        guard 0 <= start, start <= end, end <= x.shape[d] else {
            throw TensorError.invalidArgument(op: "slice", reason: "range \(start)..<\(end) outside dim \(d) of \(x.shape)")
        }
        let outer = x.shape[..<d].reduce(1, *), inner = x.shape[(d + 1)...].reduce(1, *)
        let xs = x.floats()
        var out = [Float]()
        out.reserveCapacity(outer * (end - start) * inner)
        for o in 0..<outer {
            let base = o * x.shape[d] * inner
            out += xs[(base + start * inner)..<(base + end * inner)]
        }
        var shape = x.shape
        shape[d] = end - start
        return try output(shape, out)
    }

    public func permute(_ x: Tensor, _ dims: [Int]) throws -> Tensor {
        let normalized = try dims.map { try Shape.normalize(dim: $0, rank: x.rank, op: "permute") }
        guard Set(normalized).count == x.rank, normalized.count == x.rank else {
            throw TensorError.invalidArgument(op: "permute", reason: "\(dims) is not a permutation of \(x.rank) dims")
        }
        let shape = normalized.map { x.shape[$0] }
        let inStrides = Shape.strides(x.shape), outStrides = Shape.strides(shape)
        let xs = x.floats()
        var out = [Float](repeating: 0, count: x.count)
        for i in 0..<out.count {
            var source = 0
            for d in 0..<shape.count { source += (i / outStrides[d]) % shape[d] * inStrides[normalized[d]] }
            out[i] = xs[source]
        }
        return try output(shape, out)
    }

    public func pad(_ x: Tensor, before: [Int], after: [Int]) throws -> Tensor {
        guard before.count == x.rank, after.count == x.rank, (before + after).allSatisfy({ $0 >= 0 }) else {
            throw TensorError.invalidArgument(op: "pad", reason: "need \(x.rank) non-negative amounts on each side")
        }
        let shape = x.shape.indices.map { x.shape[$0] + before[$0] + after[$0] }
        let inStrides = Shape.strides(x.shape), outStrides = Shape.strides(shape)
        let xs = x.floats()
        var out = [Float](repeating: 0, count: shape.reduce(1, *))
        for i in 0..<xs.count {
            var target = 0
            for d in 0..<x.rank { target += ((i / inStrides[d]) % x.shape[d] + before[d]) * outStrides[d] }
            out[target] = xs[i]
        }
        return try output(shape, out)
    }

    public func embedding(_ table: Tensor, indices: [Int]) throws -> Tensor {
        guard table.rank == 2 else {
            throw TensorError.invalidArgument(op: "embedding", reason: "table must be [vocab, dim], got \(table.shape)")
        }
        let (vocab, width) = (table.shape[0], table.shape[1])
        if let bad = indices.first(where: { $0 < 0 || $0 >= vocab }) {
            throw TensorError.invalidArgument(op: "embedding", reason: "index \(bad) outside vocabulary of \(vocab)")
        }
        let rows = table.floats()
        var out = [Float]()
        out.reserveCapacity(indices.count * width)
        for index in indices { out += rows[(index * width)..<((index + 1) * width)] }
        return try output([indices.count, width], out)
    }
}
