/// A value the restricted unpickler can build. Nothing here can run code: globals are only
/// names, and the few allowed callables are interpreted by `Unpickler`, never invoked.
indirect enum PickleValue {
    case none
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String)
    case bytes([UInt8])
    case tuple([PickleValue], depth: Int)
    case list(PickleList)
    case dict(PickleDict)
    case global(AllowedGlobal)
    /// A storage named by a persistent id: ("storage", type, key, location, numel).
    case storage(StorageReference)
    case tensor(TensorReference)

    /// Container nesting, for the depth limit.
    var depth: Int {
        switch self {
        case let .tuple(_, depth): depth
        case let .list(list): list.depth
        case let .dict(dict): dict.depth
        default: 0
        }
    }

    static func tuple(_ items: [PickleValue]) -> PickleValue {
        .tuple(items, depth: (items.map(\.depth).max() ?? 0) + 1)
    }
}

/// A mutable container. Once placed inside another container or a tuple it is frozen, so the
/// depth recorded at insertion stays true (a pickle that grows a container after nesting it
/// is refused; `pickle` itself never writes one).
class PickleContainer {
    private(set) var depth = 1
    private(set) var isFrozen = false

    func freeze() { isFrozen = true }

    /// Accounts for a child; false when the container is frozen.
    func admit(_ child: PickleValue) -> Bool {
        guard !isFrozen else { return false }
        depth = max(depth, child.depth + 1)
        if case let .list(list) = child { list.freeze() }
        if case let .dict(dict) = child { dict.freeze() }
        return true
    }
}

final class PickleList: PickleContainer {
    var items: [PickleValue] = []
}

/// Keys keep their pickled order; lookups are by string key (state-dict keys are strings).
final class PickleDict: PickleContainer {
    var entries: [(key: PickleValue, value: PickleValue)] = []

    subscript(key: String) -> PickleValue? {
        entries.last { if case let .string(name) = $0.key { name == key } else { false } }?.value
    }
}

/// The only globals a checkpoint may name.
enum AllowedGlobal: Equatable {
    case rebuildTensorV2
    case rebuildParameter
    case orderedDict
    case torchSize
    case storageType(StoredDType)

    static func named(module: String, name: String) -> AllowedGlobal? {
        switch (module, name) {
        case ("torch._utils", "_rebuild_tensor_v2"): .rebuildTensorV2
        case ("torch._utils", "_rebuild_parameter"): .rebuildParameter
        case ("collections", "OrderedDict"): .orderedDict
        case ("torch", "Size"): .torchSize
        case ("torch", _): storageTypes[name].map(AllowedGlobal.storageType)
        default: nil
        }
    }

    static let storageTypes: [String: StoredDType] = [
        "FloatStorage": .f32, "HalfStorage": .f16, "BFloat16Storage": .bf16, "DoubleStorage": .f64,
        "LongStorage": .i64, "IntStorage": .i32, "ShortStorage": .i16, "CharStorage": .i8, "ByteStorage": .u8,
        "BoolStorage": .bool,
    ]
}

struct StorageReference {
    let dtype: StoredDType
    /// Name of the zip entry under `<archive>/data/`.
    let key: String
    let elementCount: Int
}

struct TensorReference {
    let storage: StorageReference
    /// In elements.
    let storageOffset: Int
    let shape: [Int]
}
