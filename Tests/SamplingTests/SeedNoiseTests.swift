import Foundation
import Testing
@testable import Sampling

/// A1111's per-image seeds, variation seeds (slerp), resize-seed-from and ENSD, and ComfyUI's
/// batch stream, against torch's CPU generator (seeds.json, x86 AVX2 kernel).
struct SeedNoiseTests {
    struct File: Decodable {
        let kernel: String
        let cases: [Case]
        let comfyBatch: Comfy
        enum CodingKeys: String, CodingKey { case kernel, cases, comfyBatch = "comfy_batch" }
    }
    struct Case: Decodable, CustomTestStringConvertible {
        let name: String
        let shape: [Int]
        let seeds: [UInt64]
        let subseeds: [UInt64]
        let subseedStrength: Double
        let resizeH: Int
        let resizeW: Int
        let ensd: Int64
        let draws: [[Double]]
        enum CodingKeys: String, CodingKey {
            case name, shape, seeds, subseeds, ensd, draws
            case subseedStrength = "subseed_strength", resizeH = "resize_h", resizeW = "resize_w"
        }
        var testDescription: String { name }
    }
    struct Comfy: Decodable {
        let seed: UInt64
        let shape: [Int]
        let noise: [Double]
    }

    static let file: File? = try? Fixtures.json(File.self, "seeds.json")

    @Test func fixtureUsesTheDefaultKernel() throws {
        let file = try #require(Self.file)
        #expect(file.kernel == TorchCPUKernel.x86AVX2.rawValue)
        #expect(file.cases.count == 6)
    }

    @Test(arguments: file?.cases ?? [])
    func imageNoiseMatchesA1111(_ testCase: Case) async throws {
        let shape = try LatentShape(channels: testCase.shape[0], height: testCase.shape[1], width: testCase.shape[2])
        let variation = testCase.subseeds.isEmpty ? nil : ImageNoise.Variation(subseeds: testCase.subseeds, strength: testCase.subseedStrength)
        let noise = ImageNoise(
            shape: shape, seeds: testCase.seeds, variation: variation,
            resizeFrom: (testCase.resizeH, testCase.resizeW), etaNoiseSeedDelta: testCase.ensd)
        for (i, expected) in testCase.draws.enumerated() {
            let draw = try await noise.noise(from: 1, to: 0.5)
            // Plain draws are bit-exact; slerped ones differ from torch's float32 reductions by rounding.
            if i == 0 && testCase.subseedStrength != 0 {
                expectClose(draw, expected, relative: 1e-5, "\(testCase.name) draw \(i)")
            } else {
                expectBitExact(draw, expected, "\(testCase.name) draw \(i)")
            }
        }
    }

    @Test func comfyBatchIsOneStream() async throws {
        let comfy = try #require(Self.file).comfyBatch
        let shape = try LatentShape(channels: comfy.shape[1], height: comfy.shape[2], width: comfy.shape[3])
        let noise = ComfyBatchNoise(seed: comfy.seed, batchSize: comfy.shape[0], shape: shape)
        expectBitExact(noise.initial, comfy.noise, "comfy batch")
        var stepGenerator = TorchGenerator(seed: comfy.seed + 1)
        let step = try await noise.noise(from: 1, to: 0)
        #expect(step == stepGenerator.normal(count: comfy.noise.count))
    }

    @Test func a1111SeedLists() {
        #expect(A1111Seeds.imageSeeds(seed: 10, subseedStrength: 0, count: 3) == [10, 11, 12])
        #expect(A1111Seeds.imageSeeds(seed: 10, subseedStrength: 0.2, count: 3) == [10, 10, 10])
        #expect(A1111Seeds.subseeds(subseed: 5, count: 2) == [5, 6])
    }
}
