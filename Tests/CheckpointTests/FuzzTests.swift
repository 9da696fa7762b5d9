import Foundation
import Testing
import Tensor
@testable import Checkpoint

/// Seeded mutation fuzzing of the two parsers that read untrusted bytes. Errors are expected;
/// a crash, hang or runaway allocation fails the run. Bounded in iterations and time.
@Suite struct FuzzTests {
    static let iterations = 2_000
    static let timeBudget: TimeInterval = 20

    @Test func mutatedSafetensorsHeadersOnlyEverThrow() throws {
        let dir = TestDirectory()
        let path = dir.path("seed.safetensors")
        try SafetensorsWriter.write(to: path, tensors: [
            "a": Tensor(shape: [2, 2], values: [1, 2, 3, 4]), "b.weight": Tensor(zeros: [3], dtype: .f16),
            "c": Tensor(zeros: [1, 1, 2], dtype: .bf16),
        ], metadata: ["ss_output_name": "seed", "format": "pt"])
        let seed = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        let outcome = run(seeds: [seed], seed: 11) { bytes in _ = try SafetensorsFile.validate(bytes: bytes, file: "fuzz") }
        #expect(outcome.parsed + outcome.rejected == outcome.runs)
        #expect(outcome.rejected > 0)
    }

    @Test func mutatedTorchCheckpointsOnlyEverThrow() throws {
        let seeds = try ["tiny.ckpt", "embedding-sd1.pt", "malicious.pt"].map {
            Array(try Data(contentsOf: PyTorchFixtures.directory.appendingPathComponent($0)))
        }
        let outcome = run(seeds: seeds, seed: 29) { bytes in _ = try TorchCheckpointFile.parse(bytes: bytes, file: "fuzz") }
        #expect(outcome.parsed + outcome.rejected == outcome.runs)
        #expect(outcome.parsed > 0 && outcome.rejected > 0)
    }

    @Test func deepTopDownPickleChainsAreRefused() {
        // Each step fetches the previous list, nests a fresh list in a tuple and appends the tuple
        // to the previous list, which is already nested: a chain whose release would recurse per level.
        var bytes: [UInt8] = [0x80, 0x02, 0x5D, 0x94]                                     // root list, memo 0
        for level in 0..<5_000 {
            bytes += [0x6A] + withUnsafeBytes(of: UInt32(level).littleEndian, Array.init)  // LONG_BINGET level
            bytes += [0x5D, 0x94, 0x85, 0x61, 0x30]                                       // [] MEMOIZE TUPLE1 APPEND POP
        }
        bytes += [0x2E]
        #expect {
            try unpickle(bytes)
        } throws: { "\($0)".contains("modified after nesting") }
    }

    struct Outcome {
        var runs = 0, parsed = 0, rejected = 0
    }

    func run(seeds: [[UInt8]], seed: UInt64, parse: (UnsafeRawBufferPointer) throws -> Void) -> Outcome {
        var random = SeededRandom(seed: seed)
        var outcome = Outcome()
        let start = Date()
        for iteration in 0..<Self.iterations where Date().timeIntervalSince(start) < Self.timeBudget {
            var bytes = seeds[iteration % seeds.count]
            for _ in 0..<(1 + Int(random.next() % 4)) { mutate(&bytes, &random) }
            outcome.runs += 1
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes.count, 1), alignment: 8)
            buffer.copyBytes(from: bytes)
            do {
                try parse(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(buffer)[0..<bytes.count]))
                outcome.parsed += 1
            } catch {
                outcome.rejected += 1
            }
            buffer.deallocate()
        }
        return outcome
    }

    static let interesting: [UInt64] = [0, 1, 0x7F, 0x80, 0xFF, 0xFFFF, 0x7FFF_FFFF, 0xFFFF_FFFF, 1 << 40, UInt64.max]

    func mutate(_ bytes: inout [UInt8], _ random: inout SeededRandom) {
        guard !bytes.isEmpty else { bytes = [0x80]; return }
        let at = Int(random.next() % UInt64(bytes.count))
        switch random.next() % 7 {
        case 0: bytes[at] ^= UInt8(1 << (random.next() % 8))
        case 1: bytes[at] = UInt8(truncatingIfNeeded: Self.interesting[Int(random.next() % 5)])
        case 2:
            let value = Self.interesting[Int(random.next() % UInt64(Self.interesting.count))]
            for i in 0..<min(4 + Int(random.next() % 2) * 4, bytes.count - at) { bytes[at + i] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(i))) }
        case 3: bytes.removeSubrange(at..<min(at + 1 + Int(random.next() % 16), bytes.count))
        case 4: bytes.insert(contentsOf: bytes[at..<min(at + 1 + Int(random.next() % 16), bytes.count)], at: Int(random.next() % UInt64(bytes.count)))
        case 5: bytes.removeSubrange(Int(random.next() % UInt64(bytes.count))...)
        default: bytes[at] = UInt8(truncatingIfNeeded: random.next())
        }
    }
}
