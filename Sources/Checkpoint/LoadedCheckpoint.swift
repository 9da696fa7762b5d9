import Tensor

/// A checkpoint opened, canonicalized and recognised: what model code loads from.
public struct LoadedCheckpoint: Sendable {
    /// Tensors under canonical keys (`CheckpointLayout(model).keys`).
    public let weights: any TensorSource
    public let model: DetectedModel

    public init(weights: any TensorSource, model: DetectedModel) {
        self.weights = weights
        self.model = model
    }

    /// Opens `path` (safetensors or PyTorch zip) and detects its architecture.
    public static func open(_ path: String) throws(CheckpointError) -> LoadedCheckpoint {
        let canonical = try Canonicalizer.canonicalize(try ModelFileReader.open(path))
        return LoadedCheckpoint(weights: canonical, model: try ModelDetector.detect(canonical))
    }

    /// The same checkpoint with its VAE taken from a standalone VAE file (any VAE layout), which
    /// must have the same shape as the checkpoint's VAE (or supply one when it has none).
    public func replacingVAE(with path: String) throws(CheckpointError) -> LoadedCheckpoint {
        let vaeSource = try Canonicalizer.canonicalize(try ModelFileReader.open(path))
        let vae = try VAEDetector.detect(vaeSource)
        if let current = model.vae, current != vae {
            throw .unsupportedArchitecture(file: path, found: "a VAE shaped \(vae), but the checkpoint's VAE is \(current)")
        }
        var updated = model
        updated.vae = vae
        let overlay = PrefixOverlaySource(base: weights, overlay: vaeSource, prefix: CanonicalPrefix.vae)
        return LoadedCheckpoint(weights: overlay, model: updated)
    }
}

/// `base` with every key under `prefix` taken from `overlay` instead.
struct PrefixOverlaySource: TensorSource {
    let base: any TensorSource
    let overlay: any TensorSource
    let prefix: String
    let infos: [String: TensorInfo]
    var fileName: String { base.fileName }

    init(base: any TensorSource, overlay: any TensorSource, prefix: String) {
        self.base = base
        self.overlay = overlay
        self.prefix = prefix
        infos = base.infos.filter { !$0.key.hasPrefix(prefix) }.merging(overlay.infos.filter { $0.key.hasPrefix(prefix) }) { $1 }
    }

    func tensor(_ key: String) throws(CheckpointError) -> Tensor {
        try key.hasPrefix(prefix) ? overlay.tensor(key) : base.tensor(key)
    }
}
