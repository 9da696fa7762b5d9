/// Element types a tensor can hold. Compute happens in f32 or bf16; f16 appears in checkpoints.
public enum DType: String, Sendable, CaseIterable, Codable {
    case f32
    case f16
    case bf16

    /// Bytes per element.
    public var byteSize: Int {
        switch self {
        case .f32: 4
        case .f16, .bf16: 2
        }
    }
}
