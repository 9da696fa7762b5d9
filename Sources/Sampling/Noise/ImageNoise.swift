/// A1111's per-image noise (`modules/rng.ImageRNG`): image i has its own generator seeded with
/// its seed; the first draw is the initial noise (with variation seed and "resize seed from"
/// applied), every later draw continues each image's generator, re-seeded with seed + ENSD
/// after the initial noise when `eta_noise_seed_delta` is set. Draws are stacked over the batch.
public actor ImageNoise: NoiseSampler {
    public struct Variation: Sendable {
        public let subseeds: [UInt64]
        public let strength: Double
        public init(subseeds: [UInt64], strength: Double) {
            self.subseeds = subseeds
            self.strength = strength
        }
    }

    public nonisolated let shape: LatentShape
    public nonisolated let seeds: [UInt64]
    public let variation: Variation?
    /// `seed_resize_from_h/w` in pixels; used when both are positive.
    public let resizeFrom: (height: Int, width: Int)?
    public let source: RandomSource
    public let etaNoiseSeedDelta: Int64
    private var generators: [any NormalGenerator]
    private var isFirst = true

    public init(
        shape: LatentShape, seeds: [UInt64], variation: Variation? = nil, resizeFrom: (height: Int, width: Int)? = nil,
        source: RandomSource = .cpu(.x86AVX2), etaNoiseSeedDelta: Int64 = 0
    ) {
        self.shape = shape
        self.seeds = seeds
        self.variation = variation
        self.resizeFrom = resizeFrom.flatMap { $0.height > 0 && $0.width > 0 ? $0 : nil }
        self.source = source
        self.etaNoiseSeedDelta = etaNoiseSeedDelta
        generators = seeds.map { source.makeGenerator(seed: $0) }
    }

    /// The next batch draw: the initial noise the first time, then per-step noise.
    public func noise(from sigma: Float, to sigmaNext: Float) async throws -> [Float] { next() }

    public func next() -> [Float] {
        if isFirst {
            isFirst = false
            return first()
        }
        return generators.indices.flatMap { generators[$0].normal(count: shape.count) }
    }

    private func first() -> [Float] {
        let noiseShape = resizeFrom.flatMap { try? LatentShape(channels: shape.channels, height: $0.height / 8, width: $0.width / 8) } ?? shape
        var batch: [Float] = []
        for (i, seed) in seeds.enumerated() {
            var subnoise: [Float]?
            if let variation, variation.strength != 0 {
                let subseed = i < variation.subseeds.count ? variation.subseeds[i] : 0
                var generator = source.makeGenerator(seed: subseed)
                subnoise = generator.normal(count: noiseShape.count)
            }
            var noise: [Float]
            if noiseShape != shape {
                var generator = source.makeGenerator(seed: seed)
                noise = generator.normal(count: noiseShape.count)
            } else {
                noise = generators[i].normal(count: shape.count)
            }
            if let subnoise, let variation {
                noise = Slerp.interpolate(variation.strength, noise, subnoise, shape: noiseShape)
            }
            if noiseShape != shape {
                noise = Self.paste(noise, shape: noiseShape, into: generators[i].normal(count: shape.count), shape: shape)
            }
            batch += noise
        }
        if etaNoiseSeedDelta != 0 {
            generators = seeds.map { source.makeGenerator(seed: $0 &+ UInt64(bitPattern: etaNoiseSeedDelta)) }
        }
        return batch
    }

    /// Centres `noise` in `target` (cropping whichever is larger), as A1111's resize-seed does.
    static func paste(_ noise: [Float], shape from: LatentShape, into target: [Float], shape to: LatentShape) -> [Float] {
        var result = target
        var dx = (to.width - from.width) / 2, dy = (to.height - from.height) / 2
        // Python floor division for negative offsets.
        if (to.width - from.width) < 0, (to.width - from.width) % 2 != 0 { dx -= 1 }
        if (to.height - from.height) < 0, (to.height - from.height) % 2 != 0 { dy -= 1 }
        let w = dx >= 0 ? from.width : from.width + 2 * dx
        let h = dy >= 0 ? from.height : from.height + 2 * dy
        let tx = max(dx, 0), ty = max(dy, 0)
        let sx = max(-dx, 0), sy = max(-dy, 0)
        for c in 0..<to.channels {
            for y in 0..<max(h, 0) {
                for x in 0..<max(w, 0) {
                    result[(c * to.height + ty + y) * to.width + tx + x] = noise[(c * from.height + sy + y) * from.width + sx + x]
                }
            }
        }
        return result
    }
}

/// A1111's seed lists for a job (`process_images`): image i of the whole job (batch n,
/// position j → i = n·batch_size + j) gets seed + i, or the same seed for every image when a
/// variation strength is set; subseeds always count up.
public enum A1111Seeds {
    public static func imageSeeds(seed: UInt64, subseedStrength: Double, count: Int) -> [UInt64] {
        (0..<count).map { subseedStrength == 0 ? seed &+ UInt64($0) : seed }
    }

    public static func subseeds(subseed: UInt64, count: Int) -> [UInt64] {
        (0..<count).map { subseed &+ UInt64($0) }
    }
}

/// ComfyUI's batch noise: one CPU generator seeded with the seed draws the whole batch
/// [B, C, H, W] as one stream; its sampler noise (ComfyUI 0.17 on CPU) comes from a second
/// generator seeded with seed + 1, again one whole-batch draw per call.
public actor ComfyBatchNoise: NoiseSampler {
    public nonisolated let batchCount: Int
    private var stepGenerator: TorchGenerator
    public nonisolated let initial: [Float]

    public init(seed: UInt64, batchSize: Int, shape: LatentShape, kernel: TorchCPUKernel = .x86AVX2) {
        batchCount = batchSize * shape.count
        var generator = TorchGenerator(seed: seed, kernel: kernel)
        initial = generator.normal(count: batchCount)
        stepGenerator = TorchGenerator(seed: seed &+ 1, kernel: kernel)
    }

    public func noise(from sigma: Float, to sigmaNext: Float) async throws -> [Float] {
        stepGenerator.normal(count: batchCount)
    }
}
