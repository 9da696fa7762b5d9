/// A1111's seeds for a job (§8): −1 becomes a random value in 0..<4294967294, then image i
/// gets seed + i (or the seed itself for every image when a variation strength is set) and
/// subseed + i.
public struct SeedPlan: Sendable, Equatable {
    public let seeds: [Int]
    public let subseeds: [Int]

    public init(seed: Int, subseed: Int, subseedStrength: Double, count: Int, random: () -> Int = Self.randomSeed) {
        let seed = seed == -1 ? random() : seed
        let subseed = subseed == -1 ? random() : subseed
        seeds = (0..<count).map { subseedStrength == 0 ? seed &+ $0 : seed }
        subseeds = (0..<count).map { subseed &+ $0 }
    }

    /// `random.randrange(4294967294)`.
    public static func randomSeed() -> Int { Int.random(in: 0..<4_294_967_294) }

    /// The seeds of batch `index` of `batchSize` images.
    public func batch(_ index: Int, size batchSize: Int) -> (seeds: [Int], subseeds: [Int]) {
        let range = index * batchSize..<(index + 1) * batchSize
        return (Array(seeds[range]), Array(subseeds[range]))
    }
}
