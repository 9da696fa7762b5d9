import SDTesting
import Testing
import Tensor

/// CPUBackend against PyTorch on every op in the tensor fixture set, in both precisions.
@Suite struct CPUFixtureConformanceTests {
    /// fp32: oneDNN and the C kernels sum in a different order than PyTorch and use
    /// polynomial exp/erf (errors of a few ulp), hence looser bounds than the reference's.
    static func tolerance(for op: String, precision: Precision) -> Tolerance {
        switch (op, precision) {
        case ("convert", _), ("concat", _), ("slice", _), ("permute", _), ("pad", _), ("embedding", _), ("resizeNearest", _):
            Tolerance(abs: 0)
        case ("linear", .bf16), ("linearEpilogue", .bf16), ("matmul", .bf16), ("conv2d", .bf16), ("conv2dEpilogue", .bf16):
            // Operands rounded to bf16 (relative error 2^-9 each), f32 accumulation.
            Tolerance(abs: 0.15, rel: 2e-2)
        case ("linear", _), ("linearEpilogue", _), ("matmul", _), ("conv2d", _), ("conv2dEpilogue", _), ("attention", _):
            Tolerance(abs: 1e-4, rel: 1e-4)
        default:
            Tolerance(abs: 2e-5, rel: 2e-5)
        }
    }

    @Test(arguments: Precision.allCases)
    func matchesPyTorchOnEveryCase(precision: Precision) throws {
        let (fixtures, cases) = try OpCase.loadAll()
        let backend = try CPUBackend(precision: precision)
        for opCase in cases {
            let actual = try opCase.run(on: backend, fixtures: fixtures)
            let expected = try fixtures.tensor(named: opCase.output)
            expectClose(actual, expected, tolerance: Self.tolerance(for: opCase.op, precision: precision),
                        "\(opCase.name) [\(opCase.op), \(precision)]")
        }
    }
}
