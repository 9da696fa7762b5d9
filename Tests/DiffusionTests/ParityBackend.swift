import SDTesting
import Tensor

/// The backends the parity fixtures run on, with the tolerance each must meet against diffusers
/// in fp32. bf16 rounds every matmul/conv operand to 8 bits of mantissa; through a whole tiny
/// UNet or VAE that leaves errors of a few 1e-3 on outputs of order 1.
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
        case .cpuBF16: Tolerance(abs: 3e-2, rel: 3e-2)
        }
    }
}
