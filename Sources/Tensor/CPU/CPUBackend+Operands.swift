import CDNNL
import CKernels

/// How heavy-op operands are stored: f32, or bf16 where the CPU multiplies bf16 natively.
/// Emulated bf16 keeps f32 storage but rounds every operand to a bf16 value first.
extension CPUBackend {
    var operandType: dnnl_data_type_t { usesNativeBF16 ? dnnl_bf16 : dnnl_f32 }
    var operandDType: DType { usesNativeBF16 ? .bf16 : .f32 }

    /// `x` (any dtype) as a heavy-op operand: bf16 for native bf16, f32 rounded to bf16
    /// values for emulated bf16, plain f32 otherwise.
    func operand(_ x: Tensor) throws -> Tensor {
        switch (precision, usesNativeBF16) {
        case (.fp32, _): return f32(x)
        case (.bf16, true): return try convert(f32(x), to: .bf16)
        case (.bf16, false):
            let source = f32(x), result = uninitialized(x.shape)
            let from = floats(source), to = floats(result)
            withExtendedLifetime(source) { ParallelFor.ranges(x.count) { ck_round_to_bf16(to, from, $0, $1) } }
            return result
        }
    }

    /// The backend's prepared form of `weight`, or a prepared copy made now when the weight
    /// was prepared by another backend (or another precision).
    func dnnlWeight(_ weight: PreparedWeight, prepare: (Tensor) throws -> PreparedWeight) throws -> DNNLWeight {
        if let prepared = weight.backendData as? DNNLWeight, prepared.precision == precision { return prepared }
        guard let prepared = try prepare(weight.original).backendData as? DNNLWeight else {
            throw TensorError.invalidArgument(op: "prepare weight", reason: "CPUBackend could not prepare \(weight.shape)")
        }
        return prepared
    }

    /// The 16-bit type a prepared weight stored as `dtype` can be kept in without changing a
    /// single product (see `DNNLWeight`), or nil when it must stay f32: emulated bf16 multiplies
    /// bf16-rounded weights; fp32 keeps the checkpoint's own 16-bit values exactly.
    func compactType(storedAs dtype: DType) -> DType? {
        guard weightStorage == .compact, !usesNativeBF16 else { return nil }
        if precision == .bf16 { return .bf16 }
        return dtype == .f32 ? nil : dtype
    }

    /// Native bf16 and compact weights keep 2 bytes per element, the rest f32.
    public func preparedByteCount(storedAs dtype: DType, count: Int) -> Int {
        count * (usesNativeBF16 || compactType(storedAs: dtype) != nil ? 2 : 4)
    }

    /// A zero-copy oneDNN argument over a tensor's bytes.
    func argument(_ slot: Int32, _ descriptor: dnnl_memory_desc_t, _ tensor: Tensor) -> DNNLEngine.Argument {
        .init(slot: slot, descriptor: descriptor, pointer: tensor.rawPointer)
    }
}
