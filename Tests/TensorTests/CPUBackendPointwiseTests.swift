import SDTesting
import Testing
import Tensor

/// CPUBackend's own vectorised kernels against ReferenceBackend on seeded inputs with odd sizes.
@Suite struct CPUBackendPointwiseTests {
    let cpu: CPUBackend
    let reference = ReferenceBackend()
    let tolerance = CPUBackendConformanceTests.pointwiseTolerance

    init() throws { cpu = try CPUBackend(precision: .fp32) }

    @Test func activationsOverWideRange() throws {
        for count in [1, 3, 17, 77, 4099] {
            let x = Tensor.seededUniform([count], seed: UInt64(count), in: -12...12)
            for kind in Activation.allCases {
                expectClose(try cpu.activation(x, kind), try reference.activation(x, kind), tolerance: tolerance, "\(kind) ×\(count)")
            }
        }
    }

    @Test func gegluAffineAndBinaryBroadcasts() throws {
        let x = Tensor.seededUniform([3, 17, 154], seed: 1, in: -4...4)
        expectClose(try cpu.geglu(x), try reference.geglu(x), tolerance: tolerance, "geglu")
        expectClose(try cpu.affine(x, scale: 0.3, offset: -1), try reference.affine(x, scale: 0.3, offset: -1), tolerance: tolerance, "affine")
        let pairs: [([Int], [Int])] = [
            ([2, 17, 3, 5], [2, 17, 3, 5]), ([2, 17, 3, 5], [1, 17, 1, 1]), ([77, 17], [17]), ([17, 1], [1, 77]),
            ([1], [3, 3]), ([3, 1, 5], [1, 17, 1]),
        ]
        for (index, (aShape, bShape)) in pairs.enumerated() {
            let a = Tensor.seededUniform(aShape, seed: UInt64(index)), b = Tensor.seededUniform(bShape, seed: UInt64(50 + index), in: 0.5...2)
            for op in BinaryOp.allCases {
                expectClose(try cpu.binary(a, b, op), try reference.binary(a, b, op), tolerance: tolerance, "\(op) \(aShape) \(bShape)")
            }
        }
    }

    @Test func normsAndSoftmax() throws {
        for (shape, groups) in [([2, 32, 17, 3], 8), ([1, 3, 1, 1], 3), ([1, 6, 77], 2), ([2, 77, 3, 3], 1)] {
            let x = Tensor.seededUniform(shape, seed: UInt64(groups), in: 5...9)  // a large mean tests the two-pass variance
            let gamma = Tensor.seededUniform([shape[1]], seed: 1), beta = Tensor.seededUniform([shape[1]], seed: 2)
            for activation in [nil, Activation.silu, .geluExact] {
                let actual = try cpu.groupNorm(x, groups: groups, weight: gamma, bias: beta, eps: 1e-5, activation: activation)
                let expected = try reference.groupNorm(x, groups: groups, weight: gamma, bias: beta, eps: 1e-5, activation: activation)
                expectClose(actual, expected, tolerance: Tolerance(abs: 1e-4, rel: 1e-4), "groupNorm \(shape)/\(groups) \(activation?.rawValue ?? "")")
            }
        }
        for width in [1, 3, 17, 77, 769] {
            let x = Tensor.seededUniform([3, width], seed: UInt64(width), in: -20...20)
            let gamma = Tensor.seededUniform([width], seed: 3), beta = Tensor.seededUniform([width], seed: 4)
            expectClose(try cpu.layerNorm(x, weight: gamma, bias: beta, eps: 1e-5), try reference.layerNorm(x, weight: gamma, bias: beta, eps: 1e-5),
                        tolerance: Tolerance(abs: 1e-4, rel: 1e-4), "layerNorm \(width)")
            expectClose(try cpu.softmax(x), try reference.softmax(x), tolerance: tolerance, "softmax \(width)")
        }
    }

    @Test func layoutOpsCopyExactly() throws {
        let x = Tensor.seededUniform([2, 3, 17, 5], seed: 4)
        for dims in [[0, 2, 1, 3], [3, 2, 1, 0], [0, 1, 3, 2], [-1, 0, 2, 1]] {
            expectClose(try cpu.permute(x, dims), try reference.permute(x, dims), tolerance: Tolerance(abs: 0), "permute \(dims)")
        }
        for dim in 0..<4 {
            let other = Tensor.seededUniform(x.shape.enumerated().map { $0.offset == dim ? 1 : $0.element }, seed: 5)
            expectClose(try cpu.concat([x, other, x], dim: dim), try reference.concat([x, other, x], dim: dim), tolerance: Tolerance(abs: 0), "concat \(dim)")
            let end = x.shape[dim]
            expectClose(try cpu.slice(x, dim: dim, start: 1, end: end), try reference.slice(x, dim: dim, start: 1, end: end),
                        tolerance: Tolerance(abs: 0), "slice \(dim)")
        }
        for (before, after) in [([0, 0, 1, 0], [0, 0, 0, 1]), ([1, 0, 2, 3], [0, 1, 0, 0])] {
            expectClose(try cpu.pad(x, before: before, after: after), try reference.pad(x, before: before, after: after),
                        tolerance: Tolerance(abs: 0), "pad \(before) \(after)")
        }
        for (height, width) in [(34, 10), (17, 5), (3, 1), (40, 7)] {
            expectClose(try cpu.resizeNearest(x, height: height, width: width), try reference.resizeNearest(x, height: height, width: width),
                        tolerance: Tolerance(abs: 0), "nearest \(height)x\(width)")
        }
        #expect(throws: TensorError.self) { try cpu.permute(x, [0, 0, 1, 2]) }
        #expect(throws: TensorError.self) { try cpu.slice(x, dim: 2, start: 3, end: 18) }
    }

    @Test func bf16ConversionRoundsToNearestEven() throws {
        let x = Tensor.seededUniform([77, 3], seed: 9, in: -1e4...1e4)
        expectClose(try cpu.convert(x, to: .bf16), try reference.convert(x, to: .bf16), tolerance: Tolerance(abs: 0), "f32->bf16")
        let half = x.converted(to: .bf16)
        expectClose(try cpu.convert(half, to: .f32), try reference.convert(half, to: .f32), tolerance: Tolerance(abs: 0), "bf16->f32")
    }
}
