import Tensor

/// Name-independent facts about one stored tensor.
public struct TensorInfo: Sendable, Equatable, Hashable {
    public let dtype: StoredDType
    public let shape: [Int]

    public init(dtype: StoredDType, shape: [Int]) {
        self.dtype = dtype
        self.shape = shape
    }

    public var elementCount: Int { shape.reduce(1, *) }
}

/// Anything that holds named tensors: a safetensors file, a PyTorch checkpoint, a remapped
/// view of either. Listing is free; `tensor(_:)` returns a view without copying when it can.
public protocol TensorSource: Sendable {
    /// Shown in errors.
    var fileName: String { get }
    var infos: [String: TensorInfo] { get }
    /// The tensor under `key`; `missingTensor` if absent, `unsupported` for dtypes like I64.
    func tensor(_ key: String) throws(CheckpointError) -> Tensor
}

extension TensorSource {
    public var keys: Dictionary<String, TensorInfo>.Keys { infos.keys }

    public func shape(_ key: String) -> [Int]? { infos[key]?.shape }

    /// Throws `missingTensor` when absent.
    public func requireShape(_ key: String) throws(CheckpointError) -> [Int] {
        guard let shape = infos[key]?.shape else { throw .missingTensor(file: fileName, key: key) }
        return shape
    }

    public func has(_ key: String) -> Bool { infos[key] != nil }

    /// The shape of `key`, which must exist and have `rank` dimensions, none of them zero.
    public func requireShape(_ key: String, rank: Int) throws(CheckpointError) -> [Int] {
        guard let shape = try shape(key, rank: rank) else { throw .missingTensor(file: fileName, key: key) }
        return shape
    }

    /// The shape of `key` if present; throws when present with another rank or a zero dimension.
    public func shape(_ key: String, rank: Int) throws(CheckpointError) -> [Int]? {
        guard let shape = infos[key]?.shape else { return nil }
        guard shape.count == rank, shape.allSatisfy({ $0 > 0 }) else {
            throw .malformed(file: fileName, key: key, reason: "expected a \(rank)-D tensor without empty dimensions, got shape \(shape)")
        }
        return shape
    }

    /// Keys starting with `prefix`.
    public func keys(withPrefix prefix: String) -> [String] {
        infos.keys.filter { $0.hasPrefix(prefix) }
    }

    /// Throws `unsupported` for a dtype `Tensor` cannot hold.
    func tensorDType(_ info: TensorInfo, key: String) throws(CheckpointError) -> DType {
        guard let dtype = info.dtype.tensorDType else {
            throw .unsupported(
                file: fileName, key: key, feature: "tensor dtype \(info.dtype.rawValue)",
                hint: "sdserve computes in F32, F16 or BF16; convert the file (for example with a safetensors conversion script).")
        }
        return dtype
    }
}
