/// Errors raised by tensor construction and ops when shapes or dtypes do not fit.
public enum TensorError: Error, Equatable, Sendable, CustomStringConvertible {
    case shapeMismatch(op: String, expected: [Int], got: [Int])
    case elementCountMismatch(shape: [Int], count: Int)
    case unsupportedDType(op: String, dtype: DType)
    case invalidArgument(op: String, reason: String)

    public var description: String {
        switch self {
        case let .shapeMismatch(op, expected, got):
            "\(op): expected shape \(expected), got \(got)"
        case let .elementCountMismatch(shape, count):
            "shape \(shape) holds \(shape.reduce(1, *)) elements, but \(count) were given"
        case let .unsupportedDType(op, dtype):
            "\(op): dtype \(dtype.rawValue) is not supported"
        case let .invalidArgument(op, reason):
            "\(op): \(reason)"
        }
    }
}
