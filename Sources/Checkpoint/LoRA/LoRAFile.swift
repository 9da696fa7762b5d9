import Tensor

/// A LoRA/LyCORIS file parsed into patches on canonical weight keys.
public struct LoRAFile: Sendable {
    public let fileName: String
    public let patches: [LoRAPatch]
    /// Module names in the file that name no weight of the base model (ComfyUI logs these as
    /// "lora key not loaded"); callers report them.
    public let unmatchedModules: [String]
    /// Tensors whose names follow no known LoRA form (OFT, GLoRA, norms, …).
    public let unknownTensors: [String]
    /// `__metadata__` of a safetensors LoRA (kohya `ss_*` fields).
    public let metadata: [String: String]

    /// Reads `source` against a base model. Throws `unsupported` for DoRA (`dora_scale`).
    public init(source: any TensorSource, metadata: [String: String] = [:], model: DetectedModel) throws(CheckpointError) {
        let resolver = try LoRAKeyResolver(model: model)
        var groups: [String: [LoRATensorRole: String]] = [:]
        var unknown: [String] = []
        for key in source.keys {
            guard let (module, role) = LoRATensorRole.split(key) else {
                unknown.append(key)
                continue
            }
            groups[module, default: [:]][role] = key
        }
        var patches: [LoRAPatch] = [], unmatched: [String] = []
        for (module, tensors) in groups.sorted(by: { $0.key < $1.key }) {
            if let scale = tensors[.doraScale] {
                throw .unsupported(file: source.fileName, key: scale, feature: "DoRA (dora_scale)",
                                   hint: "Use a plain LoRA/LyCORIS version of this adapter.")
            }
            guard let target = resolver.target(for: module) else {
                unmatched.append(module)
                continue
            }
            patches.append(try Self.patch(module: module, target: target, tensors: tensors, source: source))
        }
        fileName = source.fileName
        self.patches = patches
        unmatchedModules = unmatched
        unknownTensors = unknown.sorted()
        self.metadata = metadata
    }

    static func patch(
        module: String, target: String, tensors: [LoRATensorRole: String], source: any TensorSource
    ) throws(CheckpointError) -> LoRAPatch {
        func read(_ role: LoRATensorRole) throws(CheckpointError) -> Tensor? {
            guard let key = tensors[role] else { return nil }
            return try source.tensor(key)
        }
        func need(_ role: LoRATensorRole) throws(CheckpointError) -> Tensor {
            guard let tensor = try read(role) else {
                throw .missingTensor(file: source.fileName, key: "\(module) (\(role.rawValue))")
            }
            return tensor
        }
        func factor(_ full: LoRATensorRole, _ a: LoRATensorRole, _ b: LoRATensorRole) throws(CheckpointError) -> KroneckerFactor {
            if let tensor = try read(full) { return .full(tensor) }
            return .lowRank(a: try need(a), b: try need(b))
        }
        let delta: LoRADelta
        if tensors[.up] != nil || tensors[.down] != nil {
            delta = .lowRank(up: try need(.up), down: try need(.down), mid: try read(.mid))
        } else if tensors[.hadaW1A] != nil {
            delta = .hadamard(w1a: try need(.hadaW1A), w1b: try need(.hadaW1B), w2a: try need(.hadaW2A),
                              w2b: try need(.hadaW2B), t1: try read(.hadaT1), t2: try read(.hadaT2))
        } else if tensors[.lokrW1] != nil || tensors[.lokrW1A] != nil {
            delta = .kronecker(w1: try factor(.lokrW1, .lokrW1A, .lokrW1B), w2: try factor(.lokrW2, .lokrW2A, .lokrW2B),
                               t2: try read(.lokrT2))
        } else if let diff = try read(.diff) {
            delta = .full(diff)
        } else {
            throw .malformed(file: source.fileName, key: module, reason: "LoRA module has no weight factors")
        }
        let alpha = try read(.alpha).flatMap { $0.count == 1 ? $0.floats()[0] : nil }
        return LoRAPatch(targetKey: target, sourceName: module, delta: delta, alpha: alpha, biasDelta: try read(.diffBias))
    }
}
