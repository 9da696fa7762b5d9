import Foundation
import SDTesting
import Testing
import Tensor

@Suite struct CPUBackendBehaviourTests {
    /// 4096 tokens (SD1.5 at 512²) and 16384 (SDXL-size edges): the full score matrix would be
    /// T² f32 (64 MiB, 1 GiB); the streaming kernel needs the packed k/v (about the input size)
    /// plus a fixed tile per thread. Peak RSS is process-wide and other tests run in parallel,
    /// so the bound leaves room for them: a quarter of one score matrix.
    @Test func attentionMemoryIsLinearInTokens() throws {
        for tokens in [4096, 16384] { try checkAttentionMemory(tokens: tokens) }
    }

    private func checkAttentionMemory(tokens: Int) throws {
        let cpu = try CPUBackend(precision: .fp32)
        let width = 8
        let q = Tensor.seededUniform([1, 1, tokens, width], seed: 1, in: -3...3)
        let k = Tensor.seededUniform([1, 1, tokens, width], seed: 2, in: -3...3)
        let v = Tensor.seededUniform([1, 1, tokens, width], seed: 3)
        let before = peakResidentBytes()
        let output = try cpu.attention(q: q, k: k, v: v)
        let growth = peakResidentBytes() - before
        let scoreMatrixBytes = tokens * tokens * 4
        #expect(growth < scoreMatrixBytes / 4, "peak RSS grew \(growth) bytes; T² scores would be \(scoreMatrixBytes)")
        // The first queries against every key still match the reference.
        let firstQueries = try cpu.slice(q, dim: 2, start: 0, end: 5)
        let expected = try ReferenceBackend().attention(q: firstQueries, k: k, v: v)
        expectClose(try cpu.slice(output, dim: 2, start: 0, end: 5), expected, tolerance: CPUBackendConformanceTests.productTolerance,
                    "\(tokens)-token attention")
    }

    @Test func plansAreCachedPerShape() throws {
        let cpu = try CPUBackend(precision: .fp32)
        let weight = try cpu.prepareLinearWeight(Tensor.seededUniform([17, 3], seed: 1))
        let x = Tensor.seededUniform([5, 3], seed: 2)
        _ = try cpu.linear(x, weight: weight, bias: nil)
        let afterFirst = cpu.cachedPlanCount
        _ = try cpu.linear(x, weight: weight, bias: nil)
        #expect(cpu.cachedPlanCount == afterFirst)
        _ = try cpu.linear(Tensor.seededUniform([6, 3], seed: 3), weight: weight, bias: nil)
        #expect(cpu.cachedPlanCount == afterFirst + 1)
        #expect(!cpu.dispatchedImplementations.isEmpty)
    }

    /// A weight prepared by another backend (or precision) is prepared again, not misread.
    @Test func acceptsWeightsPreparedElsewhere() throws {
        let w = Tensor.seededUniform([4, 3, 3, 3], seed: 1), x = Tensor.seededUniform([1, 3, 5, 5], seed: 2)
        let fromReference = try ReferenceBackend().prepareConvWeight(w)
        let fromBF16 = try CPUBackend(precision: .bf16).prepareConvWeight(w)
        let cpu = try CPUBackend(precision: .fp32)
        let options = Conv2DOptions(stride: 1, padding: 1)
        let expected = try cpu.conv2d(x, weight: cpu.prepareConvWeight(w), bias: nil, options: options)
        expectClose(try cpu.conv2d(x, weight: fromReference, bias: nil, options: options), expected, tolerance: Tolerance(abs: 0), "reference-prepared")
        expectClose(try cpu.conv2d(x, weight: fromBF16, bias: nil, options: options), expected, tolerance: Tolerance(abs: 0), "bf16-prepared")
    }

    @Test func shapeErrorsThrow() throws {
        let cpu = try CPUBackend(precision: .fp32)
        let weight = try cpu.prepareLinearWeight(Tensor.seededUniform([4, 3], seed: 1))
        #expect(throws: TensorError.self) { try cpu.linear(Tensor(zeros: [2, 5]), weight: weight, bias: nil) }
        let conv = try cpu.prepareConvWeight(Tensor.seededUniform([4, 3, 3, 3], seed: 1))
        #expect(throws: TensorError.self) { try cpu.conv2d(Tensor(zeros: [1, 2, 5, 5]), weight: conv, bias: nil, options: Conv2DOptions()) }
        #expect(throws: TensorError.self) {
            try cpu.conv2d(Tensor(zeros: [1, 3, 5, 5]), weight: conv, bias: nil, options: Conv2DOptions(stride: 1, padding: 1),
                           epilogue: Epilogue(residual: Tensor(zeros: [1, 4, 4, 4])))
        }
        #expect(throws: TensorError.self) { try cpu.attention(q: Tensor(zeros: [1, 1, 2, 3]), k: Tensor(zeros: [1, 1, 2, 4]), v: Tensor(zeros: [1, 1, 2, 4])) }
    }

    @Test func defaultPrecisionFollowsTheCPU() throws {
        let machine = CPUMachine.current
        #expect(try CPUBackend().precision == (machine.hasNativeBF16 ? .bf16 : .fp32))
        #expect(machine.cores >= 1)
        #expect(machine.fp32Lanes >= 4)
        #expect(machine.library.hasPrefix("oneDNN"))
    }
}

/// Peak resident set of this process so far, in bytes.
func peakResidentBytes() -> Int {
    var usage = rusage()
    #if os(Linux)
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return usage.ru_maxrss * 1024  // KiB on Linux
    #else
    getrusage(RUSAGE_SELF, &usage)
    return usage.ru_maxrss  // bytes on Darwin
    #endif
}
