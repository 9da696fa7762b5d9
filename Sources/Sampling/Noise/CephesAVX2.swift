/// Lane-wise emulation of torch's AVX2 `log256_ps` / `sincos256_ps` (Cephes polynomials in
/// float32) as used by its normal fill kernel; torch-randn.md §7. `fused` selects the GCC
/// build (multiply-adds contracted to FMA at the marked steps) or the MSVC build (not fused).
enum CephesAVX2 {
    private static func f(_ bits: UInt32) -> Float { Float(bitPattern: bits) }

    private static let twoPi = f(0x40C9_0FDB)
    private static let sqrtHalf = f(0x3F35_04F3)
    private static let minNormal = f(0x0080_0000)
    private static let logP: [Float] = [
        0x3D90_21BB, 0xBDEB_D1B8, 0x3DEF_251A, 0xBDFE_5D4F, 0x3E11_E9BF,
        0xBE2A_AE50, 0x3E4C_CEAC, 0xBE7F_FFFC, 0x3EAA_AAAA,
    ].map(f)
    private static let logQ1 = f(0xB95E_8083)
    private static let logQ2 = f(0x3F31_8000)
    private static let fourOverPi = f(0x3FA2_F983)
    private static let dp1 = f(0xBF49_0000)
    private static let dp2 = f(0xB97D_A000)
    private static let dp3 = f(0xB322_2169)
    private static let cosP: [Float] = [0x37CC_F5CE, 0xBAB6_061A, 0x3D2A_AAA5].map(f)
    private static let sinP: [Float] = [0xB94C_A1F9, 0x3C08_839E, 0xBE2A_AAA3].map(f)

    /// `a * b + c`, rounded once when `fused`, twice otherwise.
    @inline(__always)
    private static func mulAdd(_ a: Float, _ b: Float, _ c: Float, _ fused: Bool) -> Float {
        fused ? c.addingProduct(a, b) : a * b + c
    }

    static func radiusCosSin(u1: Float, u2: Float, fused: Bool) -> (Float, Float, Float) {
        let theta = twoPi * u2
        let radius = (-2 * log(u1, fused)).squareRoot()
        let (sine, cosine) = sinCos(theta, fused)
        return (radius, cosine, sine)
    }

    private static func log(_ input: Float, _ fused: Bool) -> Float {
        let x = max(input, minNormal)
        var e = Float(Int32(bitPattern: x.bitPattern >> 23) - 127) + 1
        let m = Float(bitPattern: (x.bitPattern & 0x807F_FFFF) | 0x3F00_0000)
        var t: Float
        if m < sqrtHalf {
            e -= 1
            t = (m - 1) + m
        } else {
            t = (m - 1) + 0
        }
        let z = t * t
        var y = logP[0]
        for k in 1...8 { y = mulAdd(y, t, logP[k], fused) }
        y = y * t
        y = mulAdd(y, z, e * logQ1, fused)
        y = y - z * 0.5
        t = t + y
        return mulAdd(e, logQ2, t, fused)
    }

    private static func sinCos(_ theta: Float, _ fused: Bool) -> (sin: Float, cos: Float) {
        let a = abs(theta)
        var j = Int32(a * fourOverPi)  // truncation toward zero, as cvttps2dq
        j = (j + 1) & ~1
        let yj = Float(j)
        var xr = mulAdd(yj, dp1, a, fused)
        xr = mulAdd(yj, dp2, xr, fused)
        xr = mulAdd(yj, dp3, xr, fused)
        let z = xr * xr
        let halfZ = z * 0.5
        var pc = mulAdd(mulAdd(cosP[0], z, cosP[1], fused), z, cosP[2], fused)
        pc = pc * z
        pc = mulAdd(pc, z, -halfZ, fused)
        pc = pc + 1
        var ps = mulAdd(mulAdd(sinP[0], z, sinP[1], fused), z, sinP[2], fused)
        ps = ps * z
        ps = mulAdd(ps, xr, xr, fused)
        var sine = (j & 2) == 0 ? ps : pc
        var cosine = (j & 2) == 0 ? pc : ps
        if theta.sign == .minus ? (j & 4) == 0 : (j & 4) != 0 { sine = -sine }
        if ((j &- 2) & 4) == 0 { cosine = -cosine }
        return (sine, cosine)
    }
}
