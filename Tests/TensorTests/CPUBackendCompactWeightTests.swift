@testable import Tensor
import SDTesting
import Testing

/// Compact weight storage: weights whose values fit 16 bits are kept in 16 bits and widened
/// per call; the results must be bit-identical to weights widened once at load.
@Suite struct CPUBackendCompactWeightTests {
    let exact = Tolerance(abs: 0)

    /// The stored form of a prepared weight.
    func stored(_ weight: PreparedWeight) throws -> DNNLWeight {
        try #require(weight.backendData as? DNNLWeight)
    }

    @Test(arguments: [Precision.fp32, .bf16])
    func linearMatchesWidenedWeightsExactly(precision: Precision) throws {
        let compact = try CPUBackend(precision: precision), widened = try CPUBackend(precision: precision, weightStorage: .widened)
        let native = compact.usesNativeBF16  // native bf16 keeps bf16 weights either way
        let w = Tensor.seededUniform([37, 53], seed: 1).converted(to: .f16), bias = Tensor.seededUniform([37], seed: 2)
        let x = Tensor.seededUniform([2, 5, 53], seed: 3), residual = Tensor.seededUniform([2, 5, 37], seed: 4)
        let small = try compact.prepareLinearWeight(w), large = try widened.prepareLinearWeight(w)
        #expect(try stored(small).storedType == (precision == .fp32 ? .f16 : .bf16))
        #expect(try stored(large).storedType == (native ? .bf16 : .f32))
        #expect(try stored(small).storage.byteCount * (native ? 1 : 2) == stored(large).storage.byteCount)
        let epilogue = Epilogue(activation: .geluExact, residual: residual)
        expectClose(
            try compact.linear(x, weight: small, bias: bias, epilogue: epilogue),
            try widened.linear(x, weight: large, bias: bias, epilogue: epilogue), tolerance: exact, "linear \(precision)")
    }

    @Test(arguments: [Precision.fp32, .bf16])
    func convolutionMatchesWidenedWeightsExactly(precision: Precision) throws {
        let compact = try CPUBackend(precision: precision), widened = try CPUBackend(precision: precision, weightStorage: .widened)
        let w = Tensor.seededUniform([17, 5, 3, 3], seed: 5).converted(to: .bf16), bias = Tensor.seededUniform([17], seed: 6)
        let x = Tensor.seededUniform([2, 5, 9, 11], seed: 7)
        let small = try compact.prepareConvWeight(w), large = try widened.prepareConvWeight(w)
        #expect(try stored(small).storedType == .bf16)
        let options = Conv2DOptions(stride: 1, padding: 1)
        let epilogue = Epilogue(activation: .silu, residual: Tensor.seededUniform([2, 17, 9, 11], seed: 8))
        expectClose(
            try compact.conv2d(x, weight: small, bias: bias, options: options, epilogue: epilogue),
            try widened.conv2d(x, weight: large, bias: bias, options: options, epilogue: epilogue), tolerance: exact,
            "conv \(precision)")
    }

    /// An f32 checkpoint in fp32 has no exact 16-bit form, so it stays f32.
    @Test func f32WeightsStayF32InFP32() throws {
        let cpu = try CPUBackend(precision: .fp32)
        #expect(try stored(cpu.prepareLinearWeight(Tensor.seededUniform([8, 4], seed: 9))).storedType == .f32)
        #expect(try stored(cpu.prepareConvWeight(Tensor.seededUniform([8, 4, 1, 1], seed: 9))).storedType == .f32)
    }

    /// A growing need replaces the scratch buffer instead of keeping every size seen.
    @Test func scratchKeepsOneBufferForSequentialCalls() {
        let scratch = ScratchBuffers()
        for size in [1024, 4096, 2048, 8192, 512] { scratch.withBuffer(byteCount: size) { _ in } }
        #expect(scratch.idleByteCount == 8192)
        scratch.withBuffer(byteCount: 100) { outer in
            scratch.withBuffer(byteCount: 100) { inner in #expect(outer != inner) }
        }
        #expect(scratch.idleByteCount == 8192 + 100)
    }
}
