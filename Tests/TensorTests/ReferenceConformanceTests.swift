import SDTesting
import Testing
import Tensor

/// ReferenceBackend against PyTorch on every op in the tensor fixture set.
@Suite struct ReferenceConformanceTests {
    /// Tolerance per op, ReferenceBackend (f32 math, Double sums) vs PyTorch f32.
    static func tolerance(for op: String) -> Tolerance {
        switch op {
        case "convert", "concat", "slice", "permute", "pad", "embedding", "resizeNearest":
            Tolerance(abs: 0)  // pure data movement or exact rounding: bit-identical
        case "linear", "linearEpilogue", "matmul", "conv2d", "conv2dEpilogue", "attention":
            Tolerance(abs: 2e-5, rel: 1e-5)
        default:
            Tolerance(abs: 1e-5, rel: 1e-5)
        }
    }

    @Test func matchesPyTorchOnEveryCase() throws {
        let (fixtures, cases) = try OpCase.loadAll()
        let backend = ReferenceBackend()
        for opCase in cases {
            let actual = try opCase.run(on: backend, fixtures: fixtures)
            let expected = try fixtures.tensor(named: opCase.output)
            expectClose(actual, expected, tolerance: Self.tolerance(for: opCase.op), "\(opCase.name) [\(opCase.op)]")
        }
    }

    /// Every Backend op has at least one fixture case, so a new op cannot go untested.
    @Test func fixturesCoverEveryOp() throws {
        let (_, cases) = try OpCase.loadAll()
        let covered = Set(cases.map(\.op))
        let required: Set<String> = [
            "linear", "linearEpilogue", "matmul", "attention", "conv2d", "conv2dEpilogue", "groupNorm",
            "groupNormSiLU", "layerNorm", "softmax", "mean", "variance", "activation", "geglu", "add", "sub",
            "mul", "div", "affine", "convert", "concat", "slice", "permute", "pad", "embedding",
            "resizeNearest", "bilinear", "bicubic",
        ]
        #expect(required.subtracting(covered).isEmpty, "ops without fixtures: \(required.subtracting(covered).sorted())")
        let activations = Set(cases.compactMap { $0.op == "activation" ? $0.strings["activation"] : nil })
        #expect(activations == Set(Activation.allCases.map(\.rawValue)))
    }
}
