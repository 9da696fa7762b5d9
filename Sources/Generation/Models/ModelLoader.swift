import Checkpoint
import Diffusion
import Foundation
import Prompting
import Tensor

/// Builds a `LoadedModel` from files: open by content, present under canonical keys, detect,
/// then build the UNet, the VAE (the checkpoint's or the selected standalone one) and the
/// prompt encoder on `backend`. Weights stay memory-mapped; only prepared copies are made.
public struct ModelLoader: Sendable {
    public let backend: any Backend
    /// Computes LoRA deltas, in fp32: `backend` when it multiplies in fp32, else the one given.
    public let loraBackend: any Backend
    let tokenizer: CLIPTokenizer

    /// - Parameter loraBackend: an fp32 backend for LoRA deltas when `backend` is bf16 (default:
    ///   the exact but slow `ReferenceBackend` in that case).
    public init(backend: any Backend, loraBackend: (any Backend)? = nil) throws {
        self.backend = backend
        self.loraBackend = backend.precision == .fp32 ? backend : loraBackend ?? ReferenceBackend()
        tokenizer = try CLIPTokenizer.bundled()
    }

    public func load(_ selection: ModelSelection) throws(ModelLoadFailure) -> LoadedModel {
        let path = selection.checkpoint.path
        do {
            let source = try Canonicalizer.canonicalize(ModelFileReader.open(path))
            let detected = try ModelDetector.detect(source)
            // UNet and text encoders go through the LoRA state's source, which keeps their
            // prepared weights so a LoRA switch re-prepares only the weights it changes.
            let loras = LoRAModelState(base: source, backend: loraBackend)
            let patchable = loras.source ?? source
            let unet = try UNet(config: detected.unet, source: patchable, backend: backend)
            let vae = try loadVAE(selection, checkpoint: source, detected: detected)
            let promptEncoder = try PromptEncoder(model: detected, source: patchable, backend: backend, tokenizer: tokenizer)
            return LoadedModel(
                selection: selection, detected: detected, unet: unet, vae: vae.model, promptEncoder: promptEncoder, backend: backend,
                weightBytes: preparedBytes(source) + vae.preparedBytes, loras: loras)
        } catch let failure as ModelLoadFailure {
            throw failure
        } catch {
            throw ModelLoadFailure(file: path, reason: "\(error)")
        }
    }

    /// The bytes the weights `load` would keep resident, as `backend` prepares them: the
    /// checkpoint's tensors under canonical keys (EMA copies and other unused tensors are not
    /// counted) plus a selected VAE file's.
    /// Opening and detecting the checkpoint here means a file that is not one fails now,
    /// before the cache unloads anything to make room for it.
    public func weightBytes(_ selection: ModelSelection) throws(ModelLoadFailure) -> Int {
        var path = selection.checkpoint.path
        do {
            let checkpoint = try Canonicalizer.canonicalize(ModelFileReader.open(path))
            _ = try ModelDetector.detect(checkpoint)
            var total = preparedBytes(checkpoint)
            if let vae = selection.vae {
                path = vae.path
                total += preparedBytes(try ModelFileReader.open(vae.path))
            }
            return total
        } catch {
            throw ModelLoadFailure(file: path, reason: "\(error)")
        }
    }

    /// Tensors of types the models never compute with (integer position ids) count as stored.
    func preparedBytes(_ source: any TensorSource) -> Int {
        source.infos.values.reduce(0) { total, info in
            total + (info.dtype.tensorDType.map { backend.preparedByteCount(storedAs: $0, count: info.elementCount) }
                ?? info.elementCount * info.dtype.byteSize)
        }
    }

    /// The VAE, and the prepared bytes of its standalone file (0 when it is the checkpoint's).
    private func loadVAE(
        _ selection: ModelSelection, checkpoint: any TensorSource, detected: DetectedModel
    ) throws -> (model: AutoencoderKL, preparedBytes: Int) {
        let scale = detected.latentScaleFactor
        guard let file = selection.vae else {
            guard let config = detected.vae else {
                throw ModelLoadFailure(
                    file: selection.checkpoint.path,
                    reason: "the checkpoint has no VAE (no 'first_stage_model.' tensors); select a VAE with sd_vae")
            }
            return (try AutoencoderKL(config: config, source: checkpoint, latentScale: scale, backend: backend), 0)
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0
        guard let config = try ModelInspector.inspect(path: file.path, fileBytes: size).vae else {
            throw ModelLoadFailure(file: file.path, reason: "no VAE found in this file")
        }
        let source = try Canonicalizer.canonicalize(ModelFileReader.open(file.path))
        return (try AutoencoderKL(config: config, source: source, latentScale: scale, backend: backend), preparedBytes(source))
    }
}
