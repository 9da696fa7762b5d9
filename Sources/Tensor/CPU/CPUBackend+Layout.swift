import CKernels

/// Data movement as block copies (concat, slice, pad), strided row copies (permute) and an index
/// table (nearest resize), embedding lookups as row gathers. Reductions and interpolating resizes
/// run rarely and use the reference loops (built -O).
extension CPUBackend {
    public func permute(_ x: Tensor, _ dims: [Int]) throws -> Tensor {
        let dims = try dims.map { try Shape.normalize(dim: $0, rank: x.rank, op: "permute") }
        guard dims.count == x.rank, Set(dims).count == x.rank else {
            throw TensorError.invalidArgument(op: "permute", reason: "\(dims) is not a permutation of \(x.rank) dims")
        }
        let shape = dims.map { x.shape[$0] }
        let result = uninitialized(shape)
        guard let width = shape.last, result.count > 0 else { return x.rank == 0 ? f32(x) : result }
        let input = f32(x), strides = Shape.strides(x.shape)
        let outerShape = shape.dropLast().map { $0 }, outerStrides = dims.dropLast().map { strides[$0] }
        let innerStride = strides[dims[dims.count - 1]]
        let source = floats(input), destination = floats(result)
        withExtendedLifetime(input) {
            outerShape.withUnsafeBufferPointer { outer in
                outerStrides.withUnsafeBufferPointer { steps in
                    ParallelFor.ranges(result.count / width, costPerItem: width) { begin, end in
                        ck_gather_rows(
                            destination, source, Int32(outer.count), outer.baseAddress, steps.baseAddress, innerStride, begin, end, width)
                    }
                }
            }
        }
        return result
    }

    public func concat(_ tensors: [Tensor], dim: Int) throws -> Tensor {
        guard let first = tensors.first else { throw TensorError.invalidArgument(op: "concat", reason: "no tensors") }
        let d = try Shape.normalize(dim: dim, rank: first.rank, op: "concat")
        for t in tensors where t.rank != first.rank || (0..<first.rank).contains(where: { $0 != d && t.shape[$0] != first.shape[$0] }) {
            throw TensorError.shapeMismatch(op: "concat", expected: first.shape, got: t.shape)
        }
        var shape = first.shape
        shape[d] = tensors.reduce(0) { $0 + $1.shape[d] }
        let result = uninitialized(shape)
        // Each input contributes one contiguous block per outer index.
        let outer = shape[..<d].reduce(1, *), inner = shape[(d + 1)...].reduce(1, *)
        let destination = floats(result)
        var column = 0
        for t in tensors {
            let block = t.shape[d] * inner, input = f32(t)
            withExtendedLifetime(input) {
                let source = floats(input)
                for o in 0..<outer {
                    (destination + o * shape[d] * inner + column).update(from: source + o * block, count: block)
                }
            }
            column += block
        }
        return result
    }

    public func slice(_ x: Tensor, dim: Int, start: Int, end: Int) throws -> Tensor {
        let d = try Shape.normalize(dim: dim, rank: x.rank, op: "slice")
        guard 0 <= start, start <= end, end <= x.shape[d] else {
            throw TensorError.invalidArgument(op: "slice", reason: "range \(start)..<\(end) outside dim \(d) of \(x.shape)")
        }
        var shape = x.shape
        shape[d] = end - start
        let result = uninitialized(shape)
        let outer = shape[..<d].reduce(1, *), inner = shape[(d + 1)...].reduce(1, *)
        let input = f32(x), destination = floats(result)
        let block = (end - start) * inner
        withExtendedLifetime(input) {
            let source = floats(input)
            for o in 0..<outer {
                (destination + o * block).update(from: source + (o * x.shape[d] + start) * inner, count: block)
            }
        }
        return result
    }

    public func mean(_ x: Tensor, dims: [Int], keepDims: Bool) throws -> Tensor {
        try reference.mean(x, dims: dims, keepDims: keepDims)
    }

    public func variance(_ x: Tensor, dims: [Int], correction: Int, keepDims: Bool) throws -> Tensor {
        try reference.variance(x, dims: dims, correction: correction, keepDims: keepDims)
    }

    /// Zero padding: a zeroed output, then each input row copied to its place.
    public func pad(_ x: Tensor, before: [Int], after: [Int]) throws -> Tensor {
        guard x.rank > 0, before.count == x.rank, after.count == x.rank, (before + after).allSatisfy({ $0 >= 0 }) else {
            return try reference.pad(x, before: before, after: after)  // rank 0 or bad amounts: its checks and errors
        }
        let shape = x.shape.indices.map { x.shape[$0] + before[$0] + after[$0] }
        let result = Tensor(zeros: shape)
        guard let width = x.shape.last, x.count > 0 else { return result }
        let input = f32(x), outer = Array(x.shape.dropLast()), outStrides = Shape.strides(shape)
        let source = floats(input), destination = floats(result)
        withExtendedLifetime(input) {
            ParallelFor.ranges(x.count / width, costPerItem: width) { begin, end in
                for row in begin..<end {
                    var target = before[x.rank - 1], rest = row
                    for d in stride(from: outer.count - 1, through: 0, by: -1) {
                        target += (rest % outer[d] + before[d]) * outStrides[d]
                        rest /= outer[d]
                    }
                    (destination + target).update(from: source + row * width, count: width)
                }
            }
        }
        return result
    }

    /// Row gather straight from the table as stored: only the selected rows are converted to
    /// f32, so a memory-mapped f16 vocabulary table is never widened as a whole.
    public func embedding(_ table: Tensor, indices: [Int]) throws -> Tensor {
        guard table.rank == 2, indices.allSatisfy({ (0..<table.shape[0]).contains($0) }) else {
            return try reference.embedding(table, indices: indices)  // its checks and errors
        }
        let width = table.shape[1]
        let result = uninitialized([indices.count, width])
        let destination = floats(result)
        withExtendedLifetime(table) {
            for (row, index) in indices.enumerated() {
                let source = (table.rawPointer + index * width * table.dtype.byteSize).assumingMemoryBound(to: UInt16.self)
                Self.widen(table.dtype, from: source, to: destination + row * width, count: width)
            }
        }
        return result
    }

    /// Nearest-neighbour resize: one source row per output row, columns through an index table.
    public func resizeNearest(_ x: Tensor, height: Int, width: Int) throws -> Tensor {
        let (planes, inH, inW) = try ReferenceBackend.planes(x, height: height, width: width, op: "resizeNearest")
        let result = uninitialized(Array(x.shape.prefix(2)) + [height, width])
        let scaleH = Float(inH) / Float(height), scaleW = Float(inW) / Float(width)
        let columns = (0..<width).map { min(Int((Float($0) * scaleW).rounded(.down)), inW - 1) }
        let input = f32(x), source = floats(input), destination = floats(result)
        withExtendedLifetime(input) {
            ParallelFor.ranges(planes * height, costPerItem: width) { begin, end in
                for row in begin..<end {
                    let (plane, y) = row.quotientAndRemainder(dividingBy: height)
                    let sourceRow = source + (plane * inH + min(Int((Float(y) * scaleH).rounded(.down)), inH - 1)) * inW
                    let out = destination + row * width
                    for (i, column) in columns.enumerated() { out[i] = sourceRow[column] }
                }
            }
        }
        return result
    }

    public func resize(_ x: Tensor, height: Int, width: Int, mode: ResizeMode) throws -> Tensor {
        try reference.resize(x, height: height, width: width, mode: mode)
    }
}
