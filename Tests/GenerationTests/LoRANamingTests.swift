import Foundation
import Testing

@testable import Generation

/// A1111's LoRA names (file stem, `ss_output_name` alias, disabled duplicate aliases) and its
/// `Lora hashes` infotext (addnet SHA-256, 12 hex digits).
@Suite struct LoRANamingTests {
    private func entry(_ path: String, alias: String? = nil) -> LoRANameIndex.Entry {
        LoRANameIndex.Entry(path: path, metadata: alias.map { ["ss_output_name": $0] } ?? [:])
    }

    @Test func namesAreFileStemsAndAliasesComeFromMetadata() {
        let detail = entry("/models/Lora/sub/add_detail.safetensors", alias: "detail-tweaker")
        #expect(detail.name == "add_detail")
        #expect(detail.alias == "detail-tweaker")
        #expect(entry("/models/Lora/style.pt").alias == "style")
        let index = LoRANameIndex([detail, entry("/models/Lora/style.pt")])
        #expect(index.resolve("add_detail") == detail)
        #expect(index.resolve("detail-tweaker") == detail)
        #expect(index.resolve("Add_Detail") == nil)
        #expect(index.resolve("missing") == nil)
    }

    @Test func anAliasClaimedTwiceResolvesOnlyAsAFileName() {
        let first = entry("/l/one.safetensors", alias: "shared"), second = entry("/l/two.safetensors", alias: "shared")
        let named = entry("/l/shared.safetensors")
        #expect(LoRANameIndex([first, second]).resolve("shared") == nil)
        #expect(LoRANameIndex([first, second, named]).resolve("shared") == named)
        #expect(LoRANameIndex([first]).resolve("shared") == first)
        #expect(LoRANameIndex([entry("/l/none.safetensors")]).resolve("none") == entry("/l/none.safetensors"))
        #expect(LoRANameIndex([entry("/l/x.safetensors", alias: "None")]).resolve("None") == nil)
    }

    @Test func safetensorsHashSkipsTheHeader() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sdserve-lorahash-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let header = Data(#"{"__metadata__":{"ss_output_name":"x"}}"#.utf8)
        var bytes = withUnsafeBytes(of: UInt64(header.count).littleEndian) { Data($0) }
        bytes += header + Data("abc".utf8)
        let safetensors = folder.appendingPathComponent("a.safetensors"), pickle = folder.appendingPathComponent("a.pt")
        try bytes.write(to: safetensors)
        try Data("abc".utf8).write(to: pickle)
        // SHA-256("abc"), the FIPS 180-2 test vector.
        let abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        #expect(try LoRAHash.sha256(of: safetensors) == abc)
        #expect(try LoRAHash.sha256(of: pickle) == abc)
        #expect(try LoRAHash.sha256(of: safetensors, metadata: ["sshs_model_hash": "feedface"]) == "feedface")
        #expect(LoRAHash.shortHash(abc) == "ba7816bf8f01")
    }

    @Test func infotextListsMentionedNamesWithShortHashes() {
        #expect(LoRAHash.infotextValue([("detail", "0123456789ab")]) == "detail: 0123456789ab")
        #expect(LoRAHash.infotextValue([("a:b,c", "111111111111"), ("d", ""), ("e", "222222222222"), ("a:b,c", "333333333333")])
            == "abc: 333333333333, e: 222222222222")
        #expect(LoRAHash.infotextValue([("d", "")]) == nil)
    }
}
