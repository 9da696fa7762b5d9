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

/// f32 -> f16 narrowing against Swift's `Float16` (round to nearest even in hardware/compiler-rt).
@Suite struct CPUBackendHalfNarrowingTests {
    @Test func f16NarrowingMatchesFloat16() throws {
        let cpu = try CPUBackend(precision: .fp32)
        // Every half value (round trip), values just around each rounding boundary and the
        // overflow / subnormal edges, plus seeded values over the whole f32 exponent range.
        var values = (0...UInt16.max).map { HalfConversion.float(fromF16: $0) }
        for bits in stride(from: UInt32(0x3300_0000), to: 0x4780_0000, by: 0x1000) {
            values += [Float(bitPattern: bits), Float(bitPattern: bits &- 1), Float(bitPattern: bits &+ 1)]
        }
        values += [65504, 65519.99, 65520, 1e9, -1e-30, .infinity, -.infinity, .nan, 5.9604645e-8, 2.9802322e-8, 2.9802326e-8]
        var state: UInt32 = 12345
        for _ in 0..<20_000 {
            state = state &* 1_664_525 &+ 1_013_904_223
            values.append(Float(bitPattern: state))
        }
        let narrowed = try cpu.convert(Tensor(shape: [values.count], values: values), to: .f16)
        let bits = UnsafeBufferPointer(start: narrowed.rawPointer.assumingMemoryBound(to: UInt16.self), count: values.count)
        var mismatches: [String] = []
        for (value, got) in zip(values, bits) {
            let expected = Float16(value)
            let same = expected.isNaN ? Float16(bitPattern: got).isNaN : got == expected.bitPattern
            if !same, mismatches.count < 5 {
                mismatches.append("\(value) (0x\(String(value.bitPattern, radix: 16))): 0x\(String(got, radix: 16)) != 0x\(String(expected.bitPattern, radix: 16))")
            }
        }
        #expect(mismatches.isEmpty, "f32 -> f16 mismatches: \(mismatches)")
    }
}
