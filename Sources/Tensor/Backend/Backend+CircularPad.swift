extension Backend {
    /// NCHW `x` padded by `height` rows above and below and `width` columns left and right with
    /// the opposite edge's values (PyTorch `F.pad(x, (w, w, h, h), mode='circular')`).
    public func circularPad(_ x: Tensor, height: Int, width: Int) throws -> Tensor {
        guard x.rank == 4, height <= x.shape[2], width <= x.shape[3], height >= 0, width >= 0 else {
            throw TensorError.invalidArgument(
                op: "circularPad", reason: "padding \(height)x\(width) needs an NCHW input at least that large, got \(x.shape)")
        }
        var result = x
        for (dim, amount) in [(3, width), (2, height)] where amount > 0 {
            let size = result.shape[dim]
            result = try concat(
                [slice(result, dim: dim, start: size - amount, end: size), result, slice(result, dim: dim, start: 0, end: amount)],
                dim: dim)
        }
        return result
    }
}
