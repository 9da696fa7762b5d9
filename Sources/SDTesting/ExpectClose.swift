import Testing
import Tensor

/// Elementwise closeness in the style of `numpy.allclose`: |actual - expected| ≤ abs + rel·|expected|.
public struct Tolerance: Sendable, CustomStringConvertible {
    public var abs: Float
    public var rel: Float

    public init(abs: Float, rel: Float = 0) {
        self.abs = abs
        self.rel = rel
    }

    public var description: String { "abs \(abs), rel \(rel)" }
}

/// How two arrays differ: the largest absolute difference, the normalised mean squared error
/// (Σ(a-e)² / Σe²) and the first elements outside tolerance.
public struct CloseReport: Sendable, CustomStringConvertible {
    public struct Mismatch: Sendable {
        public let index: Int
        public let actual: Float
        public let expected: Float
    }

    public let maxAbs: Float
    public let nmse: Double
    public let mismatchCount: Int
    public let firstMismatches: [Mismatch]

    public var passed: Bool { mismatchCount == 0 }

    public var description: String {
        let listed = firstMismatches.map { "[\($0.index)] \($0.actual) vs \($0.expected)" }.joined(separator: ", ")
        return "max-abs \(maxAbs), NMSE \(nmse), \(mismatchCount) outside tolerance" + (listed.isEmpty ? "" : ": \(listed)")
    }
}

public func compareClose(_ actual: [Float], _ expected: [Float], tolerance: Tolerance, listing limit: Int = 5) -> CloseReport {
    var maxAbs: Float = 0, errorSquares = 0.0, expectedSquares = 0.0, count = 0
    var mismatches: [CloseReport.Mismatch] = []
    for i in 0..<min(actual.count, expected.count) {
        let diff = abs(actual[i] - expected[i])
        maxAbs = max(maxAbs, diff.isNaN ? .infinity : diff)
        errorSquares += Double(diff) * Double(diff)
        expectedSquares += Double(expected[i]) * Double(expected[i])
        if !(diff <= tolerance.abs + tolerance.rel * abs(expected[i])) {
            count += 1
            if mismatches.count < limit { mismatches.append(.init(index: i, actual: actual[i], expected: expected[i])) }
        }
    }
    let nmse = expectedSquares > 0 ? errorSquares / expectedSquares : errorSquares
    return CloseReport(maxAbs: maxAbs, nmse: nmse, mismatchCount: count, firstMismatches: mismatches)
}

/// Records a test issue when shapes differ or any element is outside `tolerance`, printing
/// max-abs difference, NMSE and the first mismatches.
public func expectClose(
    _ actual: Tensor, _ expected: Tensor, tolerance: Tolerance, _ label: String = "",
    sourceLocation: SourceLocation = #_sourceLocation
) {
    guard actual.shape == expected.shape else {
        Issue.record("\(label): shape \(actual.shape), expected \(expected.shape)", sourceLocation: sourceLocation)
        return
    }
    let report = compareClose(actual.floats(), expected.floats(), tolerance: tolerance)
    if !report.passed {
        Issue.record("\(label) (\(tolerance)): \(report)", sourceLocation: sourceLocation)
    }
}
