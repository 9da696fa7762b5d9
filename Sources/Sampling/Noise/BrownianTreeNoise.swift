/// k-diffusion's `BrownianTreeNoiseSampler` for the SDE samplers: the noise for a step σ → σ'
/// is the Brownian increment between the two levels divided by √|σ − σ'| (sign-adjusted for
/// the decreasing direction). A1111 builds one tree per image, seeded with that image's seed
/// (`perImage`); ComfyUI builds one tree for the whole batch (`wholeBatch`).
public actor BrownianTreeNoise: NoiseSampler {
    public enum Layout: Sendable, Equatable {
        case perImage(seeds: [UInt64])
        case wholeBatch(seed: UInt64, batchSize: Int)
    }

    private var trees: [BrownianTree]

    /// - Parameters: `sigmaMin`/`sigmaMax`: the smallest non-zero and the largest σ of the schedule.
    public init(layout: Layout, imageCount: Int, sigmaMin: Float, sigmaMax: Float, kernel: TorchCPUKernel = .x86AVX2) {
        let (t0, t1) = (Double(min(sigmaMin, sigmaMax)), Double(max(sigmaMin, sigmaMax)))
        switch layout {
        case .perImage(let seeds):
            trees = seeds.map { BrownianTree(t0: t0, t1: t1, count: imageCount, entropy: $0, kernel: kernel) }
        case .wholeBatch(let seed, let batchSize):
            trees = [BrownianTree(t0: t0, t1: t1, count: imageCount * batchSize, entropy: seed, kernel: kernel)]
        }
    }

    public func noise(from sigma: Float, to sigmaNext: Float) async throws -> [Float] {
        let (low, high) = (min(sigma, sigmaNext), max(sigma, sigmaNext))
        let sign: Float = sigma > sigmaNext ? -1 : 1
        let scale = abs(sigmaNext - sigma).squareRoot()
        var output: [Float] = []
        for i in trees.indices {
            output += try trees[i].increment(from: Double(low), to: Double(high)).map { $0 * sign / scale }
        }
        return output
    }
}
