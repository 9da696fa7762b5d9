import SDTesting
import Tensor

/// The backends the parity fixtures run on, with the tolerance each must meet against diffusers
/// in fp32 (observed max-abs ≤ 4e-6). bf16 rounds every matmul/conv operand to 8 bits of
/// mantissa; through a whole tiny UNet or VAE that leaves max-abs ≤ 1.3e-2 (NMSE ≤ 1.3e-4) on
/// outputs of order 1, so bf16 is held to 2.5e-2.
enum ParityBackend: String, CaseIterable, CustomStringConvertible, Sendable {
    case reference
    case cpuFP32
    case cpuBF16

    var description: String { rawValue }

    func make() throws -> any Backend {
        switch self {
        case .reference: ReferenceBackend()
        case .cpuFP32: try CPUBackend(precision: .fp32)
        case .cpuBF16: try CPUBackend(precision: .bf16)
        }
    }

    var tolerance: Tolerance {
        switch self {
        case .reference, .cpuFP32: Tolerance(abs: 1e-4)
        case .cpuBF16: Tolerance(abs: 2.5e-2)
        }
    }
}
