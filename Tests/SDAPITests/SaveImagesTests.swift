import Foundation
import Generation
import Imaging
import SDTesting
import Testing

@testable import SDAPI

/// `save_images` writes A1111-named files with infotext; nothing is written otherwise. The
/// server log shows the model load and the sampling progress.
@Suite struct SaveImagesTests {
    static func files(under folder: URL) -> [URL] {
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        return (enumerator?.allObjects as? [URL] ?? []).filter { !$0.hasDirectoryPath }.sorted { $0.path < $1.path }
    }

    @Test func savedOnlyWhenAskedWithNumberSeedNamesAndInfotext() async throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("sdserve-outputs-\(UUID().uuidString)")
        let elsewhere = FileManager.default.temporaryDirectory.appendingPathComponent("sdserve-elsewhere-\(UUID().uuidString)")
        defer {
            try? FileManager.default.removeItem(at: output)
            try? FileManager.default.removeItem(at: elsewhere)
        }
        let server = try GenerationServer.make { $0.outputDirectory = output }
        defer { server.remove() }
        let log = LogRecorder()
        try await server.run(logger: log.logger()) { _, client, _ in
            _ = try await client.post("/sdapi/v1/options", json: ["sd_model_checkpoint": "tiny-a"])
            let unsaved = try await client.post("/sdapi/v1/txt2img", json: GenerationServer.txt2img())
            #expect(unsaved.status == .ok)
            #expect(Self.files(under: output).isEmpty)

            let saved = try await client.post("/sdapi/v1/txt2img", json: GenerationServer.txt2img(
                seed: 77, extra: [("batch_size", 2), ("save_images", true)]))
            #expect(saved.status == .ok)
            let info = try JSONValue.parse(#require(saved.json["info"]?.stringValue))
            let files = Self.files(under: output)
            #expect(files.map(\.lastPathComponent) == ["00000-77.png", "00001-78.png"])
            let day = SampleWriter.dayFolderName(Date())
            #expect(files.first?.deletingLastPathComponent().path == output.appendingPathComponent("txt2img-images/\(day)").path)
            for (index, file) in files.enumerated() {
                let texts = try PNGTextChunks.read(from: Array(Data(contentsOf: file)))
                #expect(texts.first { $0.keyword == "parameters" }?.text == info["infotexts"]?[index]?.stringValue)
            }

            // The numbering goes on; an outdir option sends the files elsewhere.
            _ = try await client.post("/sdapi/v1/txt2img", json: GenerationServer.txt2img(seed: 5, extra: [("save_images", true)]))
            #expect(Self.files(under: output).last?.lastPathComponent == "00002-5.png")
            _ = try await client.post("/sdapi/v1/txt2img", json: GenerationServer.txt2img(seed: 6, extra: [
                ("save_images", true), ("override_settings", ["outdir_txt2img_samples": .string(elsewhere.path)]),
            ]))
            #expect(Self.files(under: elsewhere).map(\.lastPathComponent) == ["00000-6.png"])
            #expect(Self.files(under: output).count == 3)
        }

        let load = try #require(log.lines("model loaded").first)
        #expect(Int(load.metadata["bytes"] ?? "") ?? 0 > 0)
        #expect(Double(load.metadata["seconds"] ?? "") != nil)
        let step = try #require(log.lines("sampling").first)
        #expect(step.metadata["step"] == "3/3")
        #expect(Double(step.metadata["it/s"] ?? "") ?? 0 > 0)
        #expect(step.metadata["eta"]?.hasSuffix("s") == true)
    }
}
