/// The oracle: every op as plain loops over f32 arrays (sums accumulate in Double), written to
/// be obviously correct rather than fast. Inputs of any dtype are read as f32; outputs are f32.
/// `precision` is carried so callers can pick tolerances, but the math is always f32.
public struct ReferenceBackend: Backend {
    public let precision: Precision

    public init(precision: Precision = .fp32) {
        self.precision = precision
    }

    /// The reference backend uses weights as loaded.
    public func prepareLinearWeight(_ weight: Tensor) throws -> PreparedWeight {
        guard weight.rank == 2 else {
            throw TensorError.invalidArgument(op: "prepareLinearWeight", reason: "expected [out, in], got \(weight.shape)")
        }
        return PreparedWeight(original: weight)
    }

    public func prepareConvWeight(_ weight: Tensor) throws -> PreparedWeight {
        guard weight.rank == 4 else {
            throw TensorError.invalidArgument(
                op: "prepareConvWeight", reason: "expected [outC, inC, kH, kW], got \(weight.shape)")
        }
        return PreparedWeight(original: weight)
    }

    public func convert(_ x: Tensor, to dtype: DType) throws -> Tensor {
        x.converted(to: dtype)
    }

    /// Wraps computed values as an f32 tensor.
    func output(_ shape: [Int], _ values: [Float]) throws -> Tensor {
        try Tensor(shape: shape, values: values)
    }

    /// Reads an optional per-channel vector, checking its length.
    func vector(_ t: Tensor?, count: Int, op: String) throws -> [Float]? {
        guard let t else { return nil }
        guard t.count == count else {
            throw TensorError.shapeMismatch(op: op, expected: [count], got: t.shape)
        }
        return t.floats()
    }
}
