import CKernels

/// The fast backend: oneDNN convolution and matmul (weights reordered once at load into the
/// layout each primitive wants, plans cached per shape, bias/activation/residual fused as
/// post-ops) and vectorised C kernels (`CKernels`) for elementwise ops, norms, softmax, GEGLU
/// and a streaming-softmax attention whose memory is linear in tokens.
///
/// Precision `.bf16` multiplies bf16 operands with f32 accumulation. Where the CPU has
/// AVX512_BF16 or AMX the primitives run in bf16; elsewhere the operands are rounded to bf16
/// and multiplied in f32, which gives the same numbers at f32 speed (so bf16 behaviour is
/// testable on any machine). Outputs are always f32. Norms, softmax and attention compute in f32.
/// Concat, slice, pad, permute, nearest resize and embedding lookups are copies; reductions and
/// interpolating resizes use `ReferenceBackend`'s loops.
public struct CPUBackend: Backend {
    public let precision: Precision
    public let weightStorage: WeightStorage
    public let machine: CPUMachine
    let engine: DNNLEngine
    let cache = PrimitiveCache()
    let scratch = ScratchBuffers()
    let reference: ReferenceBackend

    /// `precision` defaults to the machine's best: bf16 where it has bf16 instructions, else fp32.
    public init(precision: Precision? = nil, weightStorage: WeightStorage = .compact) throws {
        machine = CPUMachine.current
        self.precision = precision ?? machine.defaultPrecision
        self.weightStorage = weightStorage
        engine = try DNNLEngine.shared()
        reference = ReferenceBackend(precision: self.precision)
    }

    /// True when heavy ops run bf16 instructions; false for fp32 or emulated bf16.
    public var usesNativeBF16: Bool { precision == .bf16 && machine.hasNativeBF16 }

    /// Number of cached oneDNN plans (tests use it to check plans are reused).
    public var cachedPlanCount: Int { cache.count }

    /// The oneDNN implementations the cached plans dispatched to (e.g. "jit:avx2",
    /// "brgconv:avx512_core_amx_bf16"), for benchmarks and diagnostics.
    public var dispatchedImplementations: Set<String> {
        Set(cache.values.compactMap { plan in
            switch plan {
            case let conv as ConvPlan: conv.convolution.implementation
            case let (primitive, _) as (DNNLPrimitive, WeightBinding): primitive.implementation
            case let primitive as DNNLPrimitive: primitive.implementation
            default: nil
            }
        })
    }

    /// A new f32 tensor whose every element the caller writes.
    func uninitialized(_ shape: [Int], _ dtype: DType = .f32) -> Tensor {
        let storage = TensorStorage(uninitializedByteCount: shape.reduce(1, *) * dtype.byteSize)
        // Cannot fail: the storage was sized for exactly this shape.
        return (try? Tensor(shape: shape, dtype: dtype, storage: storage)) ?? Tensor(zeros: shape, dtype: dtype)
    }

    /// `x` as f32 (itself when it already is).
    func f32(_ x: Tensor) -> Tensor {
        switch x.dtype {
        case .f32: return x
        case .bf16, .f16:
            let result = uninitialized(x.shape)
            let source = x.rawPointer.assumingMemoryBound(to: UInt16.self)
            Self.widen(x.dtype, from: source, to: floats(result), count: x.count)
            return result
        }
    }

    /// Converts `count` 16-bit floats (bf16 or f16) to f32, in parallel.
    static func widen(_ dtype: DType, from source: UnsafePointer<UInt16>, to destination: UnsafeMutablePointer<Float>, count: Int) {
        switch dtype {
        case .bf16: ParallelFor.ranges(count) { ck_bf16_to_f32(destination, source, $0, $1) }
        case .f16: ParallelFor.ranges(count) { ck_f16_to_f32(destination, source, $0, $1) }
        case .f32: destination.update(from: UnsafeRawPointer(source).assumingMemoryBound(to: Float.self), count: count)
        }
    }

    /// Reads a float pointer of an f32 tensor.
    func floats(_ x: Tensor) -> UnsafeMutablePointer<Float> { x.rawPointer.assumingMemoryBound(to: Float.self) }

    /// An optional per-channel f32 vector of length `count`.
    func vector(_ t: Tensor?, count: Int, op: String) throws -> Tensor? {
        guard let t else { return nil }
        guard t.count == count else { throw TensorError.shapeMismatch(op: op, expected: [count], got: t.shape) }
        return f32(t)
    }

    public func convert(_ x: Tensor, to dtype: DType) throws -> Tensor {
        guard x.dtype != dtype else { return x }
        switch (x.dtype, dtype) {
        case (_, .f32): return f32(x)
        case (.f32, .bf16), (.f32, .f16):
            let result = uninitialized(x.shape, dtype)
            let source = floats(x), destination = result.rawPointer.assumingMemoryBound(to: UInt16.self)
            if dtype == .f16 {
                ParallelFor.ranges(x.count) { ck_f32_to_f16(destination, source, $0, $1) }
            } else {
                ParallelFor.ranges(x.count) { ck_f32_to_bf16(destination, source, $0, $1) }
            }
            return result
        default: return try convert(f32(x), to: dtype)
        }
    }
}
