import Checkpoint
import Diffusion
import Tensor

/// The LoRA side of a loaded checkpoint: the base weights with the active set's patches
/// (`LoRAWeightState`), the parsed files of that set, and the set as the request resolved it.
public struct LoRAModelState: Sendable {
    var weights: LoRAWeightState?
    /// Computes the deltas (fp32).
    var backend: any Backend = ReferenceBackend()
    /// Parsed files of the active set, by identity (views of the mapped files).
    var files: [String: LoRAFile] = [:]
    /// The LoRAs in force, in chain order.
    public private(set) var active: [ResolvedLoRA] = []

    /// A model built over a plain source: it cannot take LoRAs.
    public static let unpatchable = LoRAModelState(weights: nil)

    init(weights: LoRAWeightState?, backend: any Backend = ReferenceBackend(), files: [String: LoRAFile] = [:], active: [ResolvedLoRA] = []) {
        self.weights = weights
        self.backend = backend
        self.files = files
        self.active = active
    }

    /// A state over `base` with no LoRA active; build the UNet and text encoders over `source`.
    /// `backend` computes the deltas and must multiply in fp32.
    public init(base: any TensorSource, backend: any Backend) {
        self.init(weights: LoRAWeightState(base: base), backend: backend)
    }

    /// The base with the active set applied; nil when the model cannot take LoRAs.
    public var source: (any TensorSource)? { weights?.source }
}

extension LoadedModel {
    /// This model with `loras` in force, chained in order (UNet weights at each LoRA's UNet
    /// strength, text-encoder weights at its text-encoder strength). Only the parts whose
    /// weights change are rebuilt, and only changed weights are computed and prepared; the
    /// same set again returns the model as it is. The base weights are never written.
    public func applying(_ loras: [ResolvedLoRA]) throws(LoRARequestError) -> LoadedModel {
        guard var weights = self.loras.weights else {
            if loras.isEmpty { return self }
            throw .unusable(name: loras[0].mentionedName, reason: "this model was built without LoRA support")
        }
        var files: [String: LoRAFile] = [:]
        var applications: [LoRAApplication] = []
        for lora in loras {
            let file: LoRAFile
            if let known = files[lora.identity] ?? self.loras.files[lora.identity] { file = known } else {
                file = try Self.parse(lora, model: detected)
            }
            files[lora.identity] = file
            applications.append(LoRAApplication(
                identity: lora.identity, file: file, unetStrength: Float(lora.unetStrength),
                textEncoderStrength: Float(lora.textEncoderStrength)))
        }
        var model = self
        let change: LoRASwitch?
        do { change = try weights.activate(applications, backend: self.loras.backend) } catch {
            throw .unusable(name: Self.mentionedName(of: error, in: loras), reason: error.description)
        }
        if let change {
            let source = weights.source
            do {
                if change.changesUNet { model.unet = try UNet(config: detected.unet, source: source, backend: backend) }
                if change.changesTextEncoders {
                    model.promptEncoder = try PromptEncoder(
                        model: detected, source: source, backend: backend, tokenizer: promptEncoder.tokenizer,
                        embeddings: promptEncoder.embeddings)
                }
            } catch {
                throw .unusable(name: loras.first?.mentionedName ?? "", reason: "rebuilding the model failed: \(error)")
            }
        }
        model.loras = LoRAModelState(weights: weights, backend: self.loras.backend, files: files, active: loras)
        return model
    }

    private static func parse(_ lora: ResolvedLoRA, model: DetectedModel) throws(LoRARequestError) -> LoRAFile {
        do {
            let source = try ModelFileReader.open(lora.path)
            let metadata = (source as? SafetensorsFile)?.metadata ?? [:]
            let file = try LoRAFile(source: source, metadata: metadata, model: model)
            if file.patches.isEmpty, let module = file.unmatchedModules.first {
                throw LoRARequestError.unusable(
                    name: lora.mentionedName,
                    reason: "none of its \(file.unmatchedModules.count) modules (e.g. '\(module)') names a weight of this "
                        + "\(model.architecture.rawValue) model; it was probably made for another architecture")
            }
            return file
        } catch let error as LoRARequestError {
            throw error
        } catch {
            throw .unusable(name: lora.mentionedName, reason: "\(error)")
        }
    }

    /// The request's name for the file a `LoRAError` names.
    private static func mentionedName(of error: LoRAError, in loras: [ResolvedLoRA]) -> String {
        let file: String
        switch error {
        case let .shapeMismatch(name, _, _, _, _), let .malformedFactors(name, _, _), let .unreadableBase(name, _, _): file = name
        }
        return loras.first { $0.path.hasSuffix("/" + file) || $0.path == file }?.mentionedName ?? file
    }
}
