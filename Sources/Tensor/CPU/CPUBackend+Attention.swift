import CKernels

extension CPUBackend {
    /// Streaming-softmax ("flash") attention in f32: each thread walks blocks of 32 queries
    /// over blocks of 128 keys, keeping one score tile, so temporary memory is the packed
    /// kᵀ and v (the size of the inputs) plus a fixed per-thread tile, never Tq × Tk scores.
    public func attention(q: Tensor, k: Tensor, v: Tensor, scale: Float?, causal: Bool) throws -> Tensor {
        guard q.rank == 4, k.rank == 4, v.rank == 4,
              q.shape[0] == k.shape[0], q.shape[1] == k.shape[1], q.shape[3] == k.shape[3],
              Array(k.shape.prefix(3)) == Array(v.shape.prefix(3))
        else {
            throw TensorError.invalidArgument(op: "attention", reason: "q \(q.shape), k \(k.shape), v \(v.shape)")
        }
        // Dimensions: B·H heads, Tq queries, Tk keys, d query/key width, dv value width.
        let (heads, tq, d) = (q.shape[0] * q.shape[1], q.shape[2], q.shape[3])
        let (tk, dv) = (k.shape[2], v.shape[3])
        let result = uninitialized([q.shape[0], q.shape[1], tq, dv])
        guard heads > 0, tq > 0, dv > 0 else { return result }
        guard tk > 0 else {
            throw TensorError.invalidArgument(op: "attention", reason: "no keys: k \(k.shape)")
        }
        let keyAlign = Int(CK_ATTN_KEY_ALIGN), valueAlign = Int(CK_ATTN_VALUE_ALIGN)
        let tkPadded = (tk + keyAlign - 1) / keyAlign * keyAlign, dvPadded = (dv + valueAlign - 1) / valueAlign * valueAlign
        let qf = f32(q), kf = f32(k), vf = f32(v)
        let qs = floats(qf), ks = floats(kf), vs = floats(vf), out = floats(result)
        let packed = uninitialized([heads, tkPadded * (d + dvPadded)])
        let kt = floats(packed), vp = kt + heads * tkPadded * d
        ParallelFor.ranges(heads, costPerItem: tk * (d + dv)) { begin, end in
            for h in begin..<end {
                ck_attention_pack(kt + h * d * tkPadded, vp + h * tkPadded * dvPadded, ks + h * tk * d, vs + h * tk * dv,
                                  tk, d, dv, tkPadded, dvPadded)
            }
        }
        let rowsPerItem = 64
        let itemsPerHead = (tq + rowsPerItem - 1) / rowsPerItem
        let s = scale ?? 1 / Float(d).squareRoot()
        let scratchCount = ck_attention_scratch_floats(d, dvPadded)
        ParallelFor.ranges(heads * itemsPerHead, costPerItem: rowsPerItem * tk * (d + dv)) { begin, end in
            let scratch = UnsafeMutablePointer<Float>.allocate(capacity: scratchCount)
            defer { scratch.deallocate() }
            for item in begin..<end {
                let h = item / itemsPerHead, first = item % itemsPerHead * rowsPerItem
                ck_attention_rows(out + h * tq * dv, qs + h * tq * d, kt + h * d * tkPadded, vp + h * tkPadded * dvPadded,
                                  first, min(first + rowsPerItem, tq), tk, d, dv, tkPadded, dvPadded, s, causal ? 1 : 0, scratch)
            }
        }
        return result
    }
}
