import Checkpoint
import Diffusion
import Imaging
import Sampling
import Tensor

/// What a running generation tells whoever watches it (the job queue), and how it is stopped:
/// the answer to `stepFinished` ends the batch (`skip`) or the job (`interrupt`).
public protocol GenerationMonitor: Sendable {
    func batchStarted(index: Int, of count: Int, steps: Int) async
    func stepFinished(_ step: Int, of steps: Int, preview: PreviewSource) async -> StepDecision
    func batchFinished(index: Int) async
}

/// The current denoised estimate of a batch, turned into an image only when someone asks
/// (A1111's "Approx cheap" live preview of the first image, at latent resolution).
public struct PreviewSource: Sendable {
    let denoised: [Float]
    let shape: [Int]
    let family: ModelFamily

    public func image() throws -> Image {
        let first = Array(denoised.prefix(shape[1] * shape[2] * shape[3]))
        let latent = try Tensor(shape: [1, shape[1], shape[2], shape[3]], values: first)
        let rgb = try LatentPreview.cheapApproximation(latent, family: family).floats()  // [1, 3, h, w] in [0, 1]
        return try Image(vaeOutputPlanes: rgb.map { $0 * 2 - 1 }, width: shape[3], height: shape[2])
    }
}

/// A monitor that never stops anything (tools and tests).
public struct UnmonitoredGeneration: GenerationMonitor {
    public init() {}
    public func batchStarted(index: Int, of count: Int, steps: Int) async {}
    public func stepFinished(_ step: Int, of steps: Int, preview: PreviewSource) async -> StepDecision { .proceed }
    public func batchFinished(index: Int) async {}
}
