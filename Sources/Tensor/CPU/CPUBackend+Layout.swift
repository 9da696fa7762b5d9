/// Data movement, reductions and resizes: memory-bound ops that run rarely in the models,
/// done by the reference loops (compiled with -O). Replace one here when profiling shows it.
extension CPUBackend {
    public func mean(_ x: Tensor, dims: [Int], keepDims: Bool) throws -> Tensor {
        try reference.mean(x, dims: dims, keepDims: keepDims)
    }

    public func variance(_ x: Tensor, dims: [Int], correction: Int, keepDims: Bool) throws -> Tensor {
        try reference.variance(x, dims: dims, correction: correction, keepDims: keepDims)
    }

    public func concat(_ tensors: [Tensor], dim: Int) throws -> Tensor { try reference.concat(tensors, dim: dim) }

    public func slice(_ x: Tensor, dim: Int, start: Int, end: Int) throws -> Tensor {
        try reference.slice(x, dim: dim, start: start, end: end)
    }

    public func permute(_ x: Tensor, _ dims: [Int]) throws -> Tensor { try reference.permute(x, dims) }

    public func pad(_ x: Tensor, before: [Int], after: [Int]) throws -> Tensor {
        try reference.pad(x, before: before, after: after)
    }

    public func embedding(_ table: Tensor, indices: [Int]) throws -> Tensor {
        try reference.embedding(table, indices: indices)
    }

    public func resizeNearest(_ x: Tensor, height: Int, width: Int) throws -> Tensor {
        try reference.resizeNearest(x, height: height, width: width)
    }

    public func resize(_ x: Tensor, height: Int, width: Int, mode: ResizeMode) throws -> Tensor {
        try reference.resize(x, height: height, width: width, mode: mode)
    }
}
