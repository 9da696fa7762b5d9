import SDTesting
import Testing
import Tensor

/// CPUBackend's 16-bit float widening and the embedding gather built on it, against
/// ReferenceBackend and the scalar conversions.
@Suite struct CPUBackendConversionTests {
    let cpu: CPUBackend
    let reference = ReferenceBackend()

    init() throws { cpu = try CPUBackend(precision: .fp32) }

    @Test func f16WideningIsExactForEveryBitPattern() throws {
        let bits = (0...UInt16.max).map { $0 }
        let storage = TensorStorage(uninitializedByteCount: bits.count * 2)
        bits.withUnsafeBytes { storage.baseAddress.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
        let half = try Tensor(shape: [bits.count], dtype: .f16, storage: storage)
        let widened = try cpu.convert(half, to: .f32).floats()
        var mismatches: [String] = []
        for (pattern, value) in zip(bits, widened) {
            let expected = HalfConversion.float(fromF16: pattern)
            let same = expected.isNaN ? value.isNaN : value.bitPattern == expected.bitPattern
            if !same, mismatches.count < 5 { mismatches.append("0x\(String(pattern, radix: 16)): \(value) != \(expected)") }
        }
        #expect(mismatches.isEmpty, "f16 -> f32 mismatches: \(mismatches)")
    }

    @Test func embeddingGathersRowsOfAnyStoredType() throws {
        let table = Tensor.seededUniform([50, 37], seed: 7, in: -3...3)
        let indices = [49, 0, 7, 7, 13, 49, 1]
        for dtype in [DType.f32, .f16, .bf16] {
            let stored = table.converted(to: dtype)
            expectClose(try cpu.embedding(stored, indices: indices), try reference.embedding(stored, indices: indices),
                        tolerance: Tolerance(abs: 0), "embedding from \(dtype)")
        }
        #expect(throws: TensorError.self) { try cpu.embedding(table, indices: [50]) }
        #expect(throws: TensorError.self) { try cpu.embedding(table, indices: [-1]) }
    }
}
