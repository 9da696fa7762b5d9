import Foundation
import SDTesting
import Testing
import Tensor

/// Behaviour the fixtures do not show: argument errors, dtype handling and the test support.
@Suite struct ReferenceBackendBehaviourTests {
    let backend: any Backend = ReferenceBackend()

    @Test func rejectsMismatchedShapes() throws {
        let x = Tensor(zeros: [2, 3])
        let weight = try backend.prepareLinearWeight(Tensor(zeros: [4, 5]))
        #expect(throws: TensorError.self) { try backend.linear(x, weight: weight, bias: nil) }
        #expect(throws: TensorError.self) { try backend.binary(x, Tensor(zeros: [4]), .add) }
        #expect(throws: TensorError.self) { try backend.slice(x, dim: 1, start: 2, end: 4) }
        #expect(throws: TensorError.self) { try backend.permute(x, [0, 0]) }
        #expect(throws: TensorError.self) { try backend.groupNorm(x, groups: 2, weight: nil, bias: nil, eps: 1e-5) }
        #expect(throws: TensorError.self) { try backend.embedding(x, indices: [2]) }
        #expect(throws: TensorError.self) {
            try backend.linear(x, weight: backend.prepareLinearWeight(Tensor(zeros: [3, 3])), bias: nil,
                               epilogue: Epilogue(residual: Tensor(zeros: [3, 2])))
        }
    }

    @Test func readsHalfPrecisionInputsAsF32() throws {
        let values: [Float] = [0.5, -1.25, 3, 7.5]
        let half = try Tensor(shape: [2, 2], values: values, dtype: .bf16)
        let sum = try backend.add(half, try Tensor(shape: [2], values: [1, 2]))
        #expect(sum.dtype == .f32)
        #expect(sum.floats() == [1.5, 0.75, 4, 9.5])
        #expect(try backend.convert(sum, to: .f16).dtype == .f16)
    }

    @Test func upsampleNearest2xRepeatsPixels() throws {
        let x = try Tensor(shape: [1, 1, 1, 2], values: [1, 2])
        let y = try backend.upsampleNearest2x(x)
        #expect(y.shape == [1, 1, 2, 4])
        #expect(y.floats() == [1, 1, 2, 2, 1, 1, 2, 2])
    }

    @Test func compareCloseReportsDifferences() {
        let report = compareClose([1, 2, 3.5], [1, 2, 3], tolerance: Tolerance(abs: 0.1))
        #expect(!report.passed)
        #expect(report.mismatchCount == 1)
        #expect(report.maxAbs == 0.5)
        #expect(abs(report.nmse - 0.25 / 14) < 1e-12)
        #expect(report.firstMismatches.first?.index == 2)
        #expect(compareClose([1, .nan], [1, 2], tolerance: Tolerance(abs: 1)).mismatchCount == 1)
    }

    @Test func fixtureVersionMismatchNamesTheGenerator() {
        do {
            _ = try FixtureSet(area: "tensor", expectedVersion: OpCase.formatVersion + 1)
            Issue.record("a wrong format version was accepted")
        } catch {
            #expect("\(error)".contains("tools/fixtures/tensor/make_fixtures.py"))
        }
    }
}
