import Foundation
import SDTesting
import Testing

@testable import Generation

@Suite struct SafetensorsHeaderTests {
    @Test func readsMetadataAndShapes() throws {
        let models = try TemporaryModelFolder()
        defer { models.remove() }
        let url = try models.writeSafetensors(
            "lora.safetensors", tensors: ["lora_up.weight": [4, 1], "lora_down.weight": [1, 8]],
            metadata: ["ss_output_name": "detail", "ss_network_dim": "1"])
        let header = try SafetensorsHeader.read(from: url)
        #expect(header.tensorShapes == ["lora_up.weight": [4, 1], "lora_down.weight": [1, 8]])
        #expect(header.metadata.map(\.key) == ["ss_network_dim", "ss_output_name"])
        #expect(header.metadata.last?.value == "detail")
    }

    @Test func refusesDamagedFiles() throws {
        let models = try TemporaryModelFolder()
        defer { models.remove() }
        let short = try models.write(Data([1, 2, 3]), to: "short.safetensors")
        #expect(throws: CatalogError.unreadableHeader(file: short.path, reason: "file shorter than the 8-byte header length")) {
            try SafetensorsHeader.read(from: short)
        }
        var huge = Data([0, 0, 0, 0, 0, 0, 0, 0x10])
        huge.append(Data("{}".utf8))
        let hugeURL = try models.write(huge, to: "huge.safetensors")
        #expect(throws: CatalogError.self) { try SafetensorsHeader.read(from: hugeURL) }
        var notJSON = Data([4, 0, 0, 0, 0, 0, 0, 0])
        notJSON.append(Data("nope".utf8))
        let notJSONURL = try models.write(notJSON, to: "bad.safetensors")
        #expect(throws: CatalogError.self) { try SafetensorsHeader.read(from: notJSONURL) }
    }
}
