import Foundation
import Testing
import Tensor
@testable import Checkpoint

/// Files written by tools/fixtures/checkpoint/pytorch_files.py.
enum PyTorchFixtures {
    static let formatVersion = 1
    static let directory = fixturesDirectory.appendingPathComponent("pytorch")

    static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    static func manifest() throws -> [String: Any] {
        let data = try Data(contentsOf: directory.appendingPathComponent("manifest.json"))
        let manifest = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
        guard manifest["format_version"] as? Int == formatVersion else {
            throw FixtureError(message: "pytorch fixtures have another format version; rerun tools/fixtures/checkpoint/pytorch_files.py")
        }
        return manifest
    }
}

@Suite struct TorchCheckpointTests {
    @Test func tinyCheckpointMatchesWhatPyTorchSaved() throws {
        let manifest = try PyTorchFixtures.manifest()
        let expected = try #require(manifest["tiny"] as? [String: [String: Any]])
        let file = try TorchCheckpointFile(path: PyTorchFixtures.path("tiny.ckpt"))
        #expect(Set(file.infos.keys) == Set(expected.keys))
        #expect(file.scalars["global_step"] == "470000")
        let dtypes: [String: StoredDType] = ["float32": .f32, "float16": .f16, "bfloat16": .bf16, "int64": .i64]
        for (key, facts) in expected {
            let info = try #require(file.infos[key])
            #expect(info.shape == facts["shape"] as? [Int], "\(key)")
            #expect(info.dtype == dtypes[facts["dtype"] as? String ?? ""], "\(key)")
            guard info.dtype != .i64 else { continue }
            let values = (facts["values"] as? [Double] ?? []).map(Float.init)
            #expect(try file.tensor(key).floats() == values, "\(key)")
        }
        #expect(throws: CheckpointError.self) { try file.tensor("model.ids") }
        let head = try file.tensor("shared.head"), tail = try file.tensor("shared.tail")
        #expect(head.storage === tail.storage)
        #expect(tail.byteOffset - head.byteOffset == 16)
    }

    @Test func maliciousPickleFailsWithoutRunningAnything() throws {
        let manifest = try PyTorchFixtures.manifest()
        let marker = try #require(manifest["marker"] as? String)
        try? FileManager.default.removeItem(atPath: marker)
        #expect {
            try TorchCheckpointFile(path: PyTorchFixtures.path("malicious.pt"))
        } throws: { error in
            guard case let CheckpointError.unsafePickle(_, global) = error else { return false }
            return global.hasSuffix(".system")
        }
        #expect(!FileManager.default.fileExists(atPath: marker))
    }

    @Test func legacyAndCompressedFilesAreUnsupportedWithAHint() {
        for (name, feature) in [("legacy.pt", "legacy"), ("compressed.ckpt", "compressed")] {
            #expect {
                try TorchCheckpointFile(path: PyTorchFixtures.path(name))
            } throws: { error in
                guard case let CheckpointError.unsupported(_, _, text, hint) = error else { return false }
                return text.contains(feature) && !hint.isEmpty
            }
        }
    }

    @Test(arguments: [
        ([0x80, 0x02, 0x63] + Array("os\nsystem\n".utf8) + [0x2E], "unsafe"),
        ([0x80, 0x02, 0x8C, 0x05] + Array("posix".utf8) + [0x8C, 0x06] + Array("system".utf8) + [0x93, 0x2E], "unsafe"),
        ([0x80, 0x02, 0x69] + Array("os\nsystem\n".utf8) + [0x2E], "opcode 0x69"),
        ([0x80, 0x02, 0x52, 0x2E], "underflow"),
        ([0x80, 0x02, 0x68, 0x09, 0x2E], "memo"),
        ([0x80, 0x02, 0x58, 0xFF, 0xFF, 0xFF, 0x7F], "exceeds"),
        ([0x80, 0x02, 0x5D] + Array(repeating: 0x85, count: 100) + [0x2E], "nesting"),
        ([0x80, 0x02, 0x8A, 0x10] + Array(repeating: 0, count: 16) + [0x2E], "integer of 16 bytes"),
        ([0x80, 0x02], "needs 1 bytes"),
    ] as [([UInt8], String)])
    func hostilePicklesAreRejected(bytes: [UInt8], reason: String) {
        #expect {
            try unpickle(bytes)
        } throws: { error in
            let text = "\(error)"
            return reason == "unsafe" ? text.contains("allow-list") : text.contains(reason)
        }
    }

    @Test func embeddingPickleKeepsVectorsAndFields() throws {
        let file = try TorchCheckpointFile(path: PyTorchFixtures.path("embedding-sd1.pt"))
        #expect(file.infos["string_to_param.*"]?.shape == [2, 8])
        #expect(file.scalars["name"] == "tiny-embedding")
        #expect(file.scalars["step"] == "1500")
    }
}

/// Runs the unpickler over raw bytes.
func unpickle(_ bytes: [UInt8]) throws {
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count, alignment: 1)
    defer { buffer.deallocate() }
    buffer.copyBytes(from: bytes)
    var unpickler = Unpickler(UnsafeRawBufferPointer(buffer), file: "x.pkl")
    _ = try unpickler.load()
}
