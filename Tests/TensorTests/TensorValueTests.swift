import Testing
@testable import Tensor

@Suite struct TensorValueTests {
    @Test func roundTripsFloats() throws {
        let t = try Tensor(shape: [2, 3], values: [1, 2, 3, 4, 5, 6])
        #expect(t.count == 6)
        #expect(t.floats() == [1, 2, 3, 4, 5, 6])
        #expect(try t.reshaped([3, 2]).shape == [3, 2])
        #expect(throws: TensorError.self) { try t.reshaped([4, 2]) }
    }

    @Test func rejectsWrongElementCount() {
        #expect(throws: TensorError.elementCountMismatch(shape: [2, 2], count: 3)) {
            try Tensor(shape: [2, 2], values: [1, 2, 3])
        }
    }

    @Test func bf16RoundsToNearestEven() {
        // 1 + 2^-8 is exactly halfway between two bf16 values: ties go to the even mantissa (1.0).
        #expect(HalfConversion.bf16Bits(from: 1 + 1.0 / 256) == 0x3F80)
        // 1 + 3·2^-8 is halfway too, and rounds up to the even neighbour 1 + 2^-6.
        #expect(HalfConversion.bf16Bits(from: 1 + 3.0 / 256) == 0x3F82)
        #expect(HalfConversion.float(fromBF16: 0x3F80) == 1)
        #expect(HalfConversion.float(fromBF16: HalfConversion.bf16Bits(from: .nan)).isNaN)
    }

    @Test func convertsBetweenDTypes() throws {
        let t = try Tensor(shape: [3], values: [0.5, -2, 65504])
        #expect(t.converted(to: .f16).floats() == [0.5, -2, 65504])
        #expect(t.converted(to: .bf16).converted(to: .f32).floats() == [0.5, -2, 65536])
    }
}
