/// Scalar conversions between f32 and the 16-bit float formats, round-to-nearest-even.
public enum HalfConversion {
    /// bf16 is the top half of an f32; rounding adds 0x7FFF plus the lowest kept bit.
    @inline(__always)
    public static func bf16Bits(from value: Float) -> UInt16 {
        let bits = value.bitPattern
        if value.isNaN { return UInt16(truncatingIfNeeded: bits >> 16) | 0x0040 }  // keep it a quiet NaN
        let rounding = 0x7FFF + ((bits >> 16) & 1)
        return UInt16(truncatingIfNeeded: (bits &+ rounding) >> 16)
    }

    @inline(__always)
    public static func float(fromBF16 bits: UInt16) -> Float {
        Float(bitPattern: UInt32(bits) << 16)
    }

    @inline(__always)
    public static func f16Bits(from value: Float) -> UInt16 {
        Float16(value).bitPattern
    }

    @inline(__always)
    public static func float(fromF16 bits: UInt16) -> Float {
        Float(Float16(bitPattern: bits))
    }
}
