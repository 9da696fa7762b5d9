import Checkpoint
import Foundation
import Diffusion
import Tensor
import Testing
@testable import Generation

/// A batch must give each image what a batch of one gives it (A1111's per-image generators
/// rely on it): the UNet and the VAE decoder evaluated on two latents equal two single runs.
struct BatchConsistencyTests {
    @Test(arguments: ["reference", "cpu"])
    func unetAndVAEGiveEachBatchItemItsSingleResult(backendName: String) async throws {
        let backend: any Backend = backendName == "cpu" ? try CPUBackend() : ReferenceBackend()
        let model = try ModelLoader(backend: backend).load(try TinyModels.sd15())
        let shape = [1, 4, 8, 8]
        let a = (0..<256).map { Float(sin(Double($0))) }, b = (0..<256).map { Float(cos(Double($0) * 0.7)) }
        let context = try Tensor(shape: [1, 77, 32], values: (0..<(77 * 32)).map { Float(sin(Double($0) * 0.01)) })
        let pair = try backend.concat([context, context], dim: 0)
        let batched = try model.unet(
            Tensor(shape: [2, 4, 8, 8], values: a + b), timesteps: [500, 500], context: pair).floats()
        let single = try model.unet(Tensor(shape: shape, values: b), timesteps: [500], context: context).floats()
        let unetDifference = zip(batched.suffix(single.count), single).map { abs($0 - $1) }.max() ?? 0
        #expect(unetDifference < 1e-4, "UNet batch item 2 differs by \(unetDifference) on \(backendName)")
        let decodedPair = try model.vae.decodeUnscaled(Tensor(shape: [2, 4, 8, 8], values: a + b)).floats()
        let decodedSingle = try model.vae.decodeUnscaled(Tensor(shape: shape, values: b)).floats()
        let vaeDifference = zip(decodedPair.suffix(decodedSingle.count), decodedSingle).map { abs($0 - $1) }.max() ?? 0
        #expect(vaeDifference < 1e-4, "VAE batch item 2 differs by \(vaeDifference) on \(backendName)")
    }
}
