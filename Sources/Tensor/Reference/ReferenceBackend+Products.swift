import Foundation

extension ReferenceBackend {
    public func linear(_ x: Tensor, weight: PreparedWeight, bias: Tensor?) throws -> Tensor {
        let w = weight.original
        guard w.rank == 2, x.rank >= 1, x.shape[x.rank - 1] == w.shape[1] else {
            throw TensorError.shapeMismatch(op: "linear", expected: [w.shape.last ?? 0], got: x.shape)
        }
        let (outF, inF) = (w.shape[0], w.shape[1])
        let rows = x.count / max(inF, 1)
        let xs = x.floats(), ws = w.floats()
        let b = try vector(bias, count: outF, op: "linear bias")
        var out = [Float](repeating: 0, count: rows * outF)
        for r in 0..<rows {
            for o in 0..<outF {
                var sum = Double(b?[o] ?? 0)
                for i in 0..<inF { sum += Double(xs[r * inF + i]) * Double(ws[o * inF + i]) }
                out[r * outF + o] = Float(sum)
            }
        }
        return try output(Array(x.shape.dropLast()) + [outF], out)
    }

    public func matmul(_ a: Tensor, _ b: Tensor, transposeB: Bool) throws -> Tensor {
        guard a.rank >= 2, b.rank >= 2 else {
            throw TensorError.invalidArgument(op: "matmul", reason: "operands need rank >= 2: \(a.shape), \(b.shape)")
        }
        let (m, k) = (a.shape[a.rank - 2], a.shape[a.rank - 1])
        let (bRows, bCols) = (b.shape[b.rank - 2], b.shape[b.rank - 1])
        let (kb, n) = transposeB ? (bCols, bRows) : (bRows, bCols)
        guard k == kb else { throw TensorError.shapeMismatch(op: "matmul", expected: a.shape, got: b.shape) }
        let aBatch = Array(a.shape.dropLast(2)), bBatch = Array(b.shape.dropLast(2))
        let batch = try Shape.broadcast(aBatch, bBatch, op: "matmul")
        let aStrides = Shape.broadcastStrides(aBatch, to: batch), bStrides = Shape.broadcastStrides(bBatch, to: batch)
        let batchStrides = Shape.strides(batch)
        let av = a.floats(), bv = b.floats()
        let batchCount = batch.reduce(1, *)
        var out = [Float](repeating: 0, count: batchCount * m * n)
        for bi in 0..<batchCount {
            var aMatrix = 0, bMatrix = 0
            for d in 0..<batch.count {
                let idx = (bi / batchStrides[d]) % batch[d]
                aMatrix += idx * aStrides[d]
                bMatrix += idx * bStrides[d]
            }
            let aBase = aMatrix * m * k, bBase = bMatrix * k * n
            for i in 0..<m {
                for j in 0..<n {
                    var sum = 0.0
                    for p in 0..<k {
                        let bIndex = transposeB ? j * k + p : p * n + j
                        sum += Double(av[aBase + i * k + p]) * Double(bv[bBase + bIndex])
                    }
                    out[(bi * m + i) * n + j] = Float(sum)
                }
            }
        }
        return try output(batch + [m, n], out)
    }

    public func attention(q: Tensor, k: Tensor, v: Tensor, scale: Float?, causal: Bool) throws -> Tensor {
        guard q.rank == 4, k.rank == 4, v.rank == 4,
              q.shape[0] == k.shape[0], q.shape[1] == k.shape[1], q.shape[3] == k.shape[3],
              Array(k.shape.prefix(3)) == Array(v.shape.prefix(3))
        else {
            throw TensorError.invalidArgument(op: "attention", reason: "q \(q.shape), k \(k.shape), v \(v.shape)")
        }
        let (batchHeads, tq, d) = (q.shape[0] * q.shape[1], q.shape[2], q.shape[3])
        let (tk, dv) = (k.shape[2], v.shape[3])
        let s = Double(scale ?? 1 / Float(d).squareRoot())
        let qs = q.floats(), ks = k.floats(), vs = v.floats()
        var out = [Float](repeating: 0, count: batchHeads * tq * dv)
        var scores = [Double](repeating: 0, count: tk)
        for bh in 0..<batchHeads {
            for i in 0..<tq {
                let visible = causal ? min(i + 1, tk) : tk
                var maxScore = -Double.infinity
                for j in 0..<visible {
                    var dot = 0.0
                    for p in 0..<d { dot += Double(qs[(bh * tq + i) * d + p]) * Double(ks[(bh * tk + j) * d + p]) }
                    scores[j] = dot * s
                    maxScore = max(maxScore, scores[j])
                }
                var total = 0.0
                for j in 0..<visible {
                    scores[j] = exp(scores[j] - maxScore)
                    total += scores[j]
                }
                for c in 0..<dv {
                    var sum = 0.0
                    for j in 0..<visible { sum += scores[j] * Double(vs[(bh * tk + j) * dv + c]) }
                    out[(bh * tq + i) * dv + c] = Float(sum / total)
                }
            }
        }
        return try output([q.shape[0], q.shape[1], tq, dv], out)
    }
}
