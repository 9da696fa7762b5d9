import Foundation

/// PIL's resampling filters (`Image.Resampling`), with its kernels and supports.
public enum ResampleFilter: String, Sendable, Equatable, CaseIterable {
    case nearest
    case bilinear
    case bicubic
    case lanczos

    /// Half-width of the kernel in source pixels before scaling for downsampling.
    var support: Double {
        switch self {
        case .nearest: 0.5
        case .bilinear: 1
        case .bicubic: 2
        case .lanczos: 3
        }
    }

    /// The kernel value at `x` source pixels from the centre, as PIL's Resample.c.
    func weight(_ x: Double) -> Double {
        switch self {
        case .nearest:
            return x > -0.5 && x <= 0.5 ? 1 : 0
        case .bilinear:
            let distance = abs(x)
            return distance < 1 ? 1 - distance : 0
        case .bicubic:
            // Keys cubic with a = -0.5.
            let a = -0.5
            let distance = abs(x)
            if distance < 1 { return ((a + 2) * distance - (a + 3)) * distance * distance + 1 }
            if distance < 2 { return (((distance - 5) * distance + 8) * distance - 4) * a }
            return 0
        case .lanczos:
            // sinc(x) * sinc(x / 3) on [-3, 3).
            guard x >= -3, x < 3 else { return 0 }
            return Self.sinc(x) * Self.sinc(x / 3)
        }
    }

    private static func sinc(_ x: Double) -> Double {
        if x == 0 { return 1 }
        let angle = x * Double.pi
        return sin(angle) / angle
    }
}
