import SDTesting
import Testing
import Tensor

/// CPUBackend against ReferenceBackend on seeded random inputs with odd sizes (1, 3, 17, 77).
///
/// In bf16 the reference gets the operands rounded to bf16 the way the CPU backend rounds
/// them, so products are exact in both and only the summation order differs: the bf16
/// bounds below are f32 accumulation bounds, not bf16 rounding bounds.
@Suite struct CPUBackendConformanceTests {
    /// Matrix products, conv, attention: f32 sums of up to a few hundred terms in another order.
    static let productTolerance = Tolerance(abs: 1e-4, rel: 1e-4)
    /// Elementwise and norms: polynomial exp/erf within a few ulp, f32 (not Double) sums.
    static let pointwiseTolerance = Tolerance(abs: 2e-5, rel: 2e-5)

    let reference = ReferenceBackend()

    /// What the reference should see of a heavy-op operand at `precision`.
    func rounded(_ x: Tensor, _ precision: Precision) -> Tensor {
        precision == .bf16 ? x.converted(to: .bf16) : x
    }

    @Test(arguments: Precision.allCases)
    func linearWithEpilogues(precision: Precision) throws {
        let cpu = try CPUBackend(precision: precision)
        var seed: UInt64 = 1
        for (rows, inputs, outputs) in [(1, 3, 17), (77, 17, 3), (3, 77, 77), (17, 1, 1), (2, 40, 33)] {
            let x = Tensor.seededUniform([rows, inputs], seed: seed)
            let w = Tensor.seededUniform([outputs, inputs], seed: seed + 1)
            let b = Tensor.seededUniform([outputs], seed: seed + 2)
            let residual = Tensor.seededUniform([rows, outputs], seed: seed + 3)
            seed += 4
            for activation in [nil] + Activation.allCases.map(Optional.some) {
                let epilogue = Epilogue(activation: activation, residual: activation == nil ? nil : residual)
                let actual = try cpu.linear(x, weight: cpu.prepareLinearWeight(w), bias: b, epilogue: epilogue)
                let expected = try reference.linear(
                    rounded(x, precision), weight: reference.prepareLinearWeight(rounded(w, precision)), bias: b, epilogue: epilogue)
                expectClose(actual, expected, tolerance: Self.productTolerance, "linear \(rows)x\(inputs)->\(outputs) \(activation?.rawValue ?? "plain") \(precision)")
            }
        }
    }

    @Test(arguments: Precision.allCases)
    func batchedMatmulWithBroadcast(precision: Precision) throws {
        let cpu = try CPUBackend(precision: precision)
        let cases: [([Int], [Int], Bool)] = [
            ([2, 3, 17, 5], [2, 3, 5, 77], false), ([1, 17, 3], [4, 3, 1], false),
            ([3, 77, 17], [17, 1], false), ([2, 1, 17, 40], [2, 3, 77, 40], true), ([1, 1], [1, 1], true),
        ]
        for (index, (aShape, bShape, transposeB)) in cases.enumerated() {
            let a = Tensor.seededUniform(aShape, seed: UInt64(10 + index)), b = Tensor.seededUniform(bShape, seed: UInt64(20 + index))
            let actual = try cpu.matmul(a, b, transposeB: transposeB)
            let expected = try reference.matmul(rounded(a, precision), rounded(b, precision), transposeB: transposeB)
            expectClose(actual, expected, tolerance: Self.productTolerance, "matmul \(aShape)·\(bShape) T=\(transposeB) \(precision)")
        }
    }

    @Test(arguments: Precision.allCases)
    func conv2dWithEpilogues(precision: Precision) throws {
        let cpu = try CPUBackend(precision: precision)
        // [N, C, H, W], out channels, kernel, stride, padding
        let cases: [([Int], Int, Int, Int, Int)] = [
            ([1, 3, 17, 17], 17, 3, 1, 1), ([2, 17, 3, 3], 3, 3, 1, 1), ([1, 1, 1, 1], 1, 1, 1, 0),
            ([1, 17, 17, 17], 77, 3, 2, 1), ([1, 77, 3, 17], 3, 1, 1, 0), ([2, 8, 9, 7], 16, 3, 2, 0),
        ]
        for (index, (shape, outChannels, kernel, stride, padding)) in cases.enumerated() {
            let seed = UInt64(100 + 10 * index)
            let x = Tensor.seededUniform(shape, seed: seed)
            let w = Tensor.seededUniform([outChannels, shape[1], kernel, kernel], seed: seed + 1)
            let b = Tensor.seededUniform([outChannels], seed: seed + 2)
            let options = Conv2DOptions(stride: stride, padding: padding)
            let plain = try cpu.conv2d(x, weight: cpu.prepareConvWeight(w), bias: b, options: options)
            let refWeight = try reference.prepareConvWeight(rounded(w, precision))
            let expected = try reference.conv2d(rounded(x, precision), weight: refWeight, bias: b, options: options)
            expectClose(plain, expected, tolerance: Self.productTolerance, "conv \(shape)->\(outChannels) k\(kernel) s\(stride) p\(padding) \(precision)")
            let epilogue = Epilogue(activation: .silu, residual: Tensor.seededUniform(expected.shape, seed: seed + 3))
            let fused = try cpu.conv2d(x, weight: cpu.prepareConvWeight(w), bias: b, options: options, epilogue: epilogue)
            expectClose(fused, try reference.apply(epilogue, to: expected), tolerance: Self.productTolerance, "conv+silu+residual \(shape) \(precision)")
        }
    }

    /// Attention computes in f32 in both precisions.
    @Test func attentionAgainstReference() throws {
        let cpu = try CPUBackend(precision: .fp32)
        for (tq, tk, d, dv) in [(1, 1, 3, 3), (17, 77, 17, 5), (77, 3, 40, 40), (130, 300, 8, 17), (3, 17, 1, 1)] {
            let q = Tensor.seededUniform([2, 3, tq, d], seed: 1, in: -2...2)
            let k = Tensor.seededUniform([2, 3, tk, d], seed: 2, in: -2...2)
            let v = Tensor.seededUniform([2, 3, tk, dv], seed: 3)
            for causal in [false, true] where !causal || tq <= tk {
                let actual = try cpu.attention(q: q, k: k, v: v, scale: nil, causal: causal)
                let expected = try reference.attention(q: q, k: k, v: v, scale: nil, causal: causal)
                expectClose(actual, expected, tolerance: Self.productTolerance, "attention tq \(tq) tk \(tk) d \(d) dv \(dv) causal \(causal)")
            }
        }
    }
}
