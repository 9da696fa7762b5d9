import CKernels

extension CPUBackend {
    public func groupNorm(_ x: Tensor, groups: Int, weight: Tensor?, bias: Tensor?, eps: Float) throws -> Tensor {
        try groupNorm(x, groups: groups, weight: weight, bias: bias, eps: eps, activation: nil)
    }

    /// Group norm with the activation applied in the same pass over memory.
    public func groupNorm(
        _ x: Tensor, groups: Int, weight: Tensor?, bias: Tensor?, eps: Float, activation: Activation?
    ) throws -> Tensor {
        guard x.rank >= 2, groups > 0, x.shape[1] % groups == 0 else {
            throw TensorError.invalidArgument(op: "groupNorm", reason: "\(groups) groups for shape \(x.shape)")
        }
        let (n, c) = (x.shape[0], x.shape[1])
        let spatial = x.count / max(n * c, 1)
        let gamma = try vector(weight, count: c, op: "groupNorm weight"), beta = try vector(bias, count: c, op: "groupNorm bias")
        let input = f32(x), result = uninitialized(x.shape)
        let source = floats(input), destination = floats(result)
        let gammaPointer = gamma.map(floats), betaPointer = beta.map(floats)
        let kind = activation?.kernelCode ?? Int32(CK_IDENTITY.rawValue)
        let channelsPerGroup = c / groups
        ParallelFor.ranges(n * groups, costPerItem: 12 * channelsPerGroup * spatial) { begin, end in
            ck_group_norm(destination, source, begin, end, groups, channelsPerGroup, spatial, gammaPointer, betaPointer, eps, kind)
        }
        return result
    }

    public func layerNorm(_ x: Tensor, weight: Tensor?, bias: Tensor?, eps: Float) throws -> Tensor {
        guard let width = x.shape.last, width > 0 else {
            throw TensorError.invalidArgument(op: "layerNorm", reason: "empty last dim in \(x.shape)")
        }
        let gamma = try vector(weight, count: width, op: "layerNorm weight"), beta = try vector(bias, count: width, op: "layerNorm bias")
        let input = f32(x), result = uninitialized(x.shape)
        let source = floats(input), destination = floats(result)
        let gammaPointer = gamma.map(floats), betaPointer = beta.map(floats)
        ParallelFor.ranges(x.count / width, costPerItem: 4 * width) { begin, end in
            ck_layer_norm_rows(destination, source, begin, end, width, gammaPointer, betaPointer, eps)
        }
        return result
    }

    public func softmax(_ x: Tensor) throws -> Tensor {
        guard let width = x.shape.last, width > 0 else {
            throw TensorError.invalidArgument(op: "softmax", reason: "empty last dim in \(x.shape)")
        }
        let input = f32(x), result = uninitialized(x.shape)
        let source = floats(input), destination = floats(result)
        ParallelFor.ranges(x.count / width, costPerItem: 8 * width) { ck_softmax_rows(destination, source, $0, $1, width) }
        return result
    }
}
