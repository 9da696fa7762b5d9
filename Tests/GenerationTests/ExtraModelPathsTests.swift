import Foundation
import SDTesting
import Testing

@testable import Generation

@Suite struct ExtraModelPathsTests {
    @Test func readsComfyUISections() throws {
        let yaml = """
            a111:
                base_path: /srv/webui/
                checkpoints: models/Stable-diffusion
                vae: models/VAE
                loras: |
                     models/Lora
                     models/LyCORIS
                upscale_models: models/ESRGAN
                embeddings: embeddings
            comfy:
                base_path: comfy
                is_default: true
                checkpoints:
                  - models/checkpoints
                  - /abs/ckpts
            """
        let folders = try ExtraModelPaths.parse(yaml, relativeTo: URL(fileURLWithPath: "/etc/sd"), file: "x.yaml")
        #expect(folders.folders(for: .checkpoint).map(\.path) == [
            "/srv/webui/models/Stable-diffusion", "/etc/sd/comfy/models/checkpoints", "/abs/ckpts",
        ])
        #expect(folders.folders(for: .lora).map(\.path) == ["/srv/webui/models/Lora", "/srv/webui/models/LyCORIS"])
        #expect(folders.folders(for: .vae).map(\.path) == ["/srv/webui/models/VAE"])
        #expect(folders.folders(for: .embedding).map(\.path) == ["/srv/webui/embeddings"])
    }

    @Test func badFilesSayWhatIsWrong() throws {
        let directory = URL(fileURLWithPath: "/tmp")
        #expect(throws: CatalogError.extraModelPathsInvalid(file: "x.yaml", section: nil,
                                                            reason: "the top level must map section names to sections")) {
            try ExtraModelPaths.parse("- a\n- b", relativeTo: directory, file: "x.yaml")
        }
        #expect(throws: CatalogError.extraModelPathsInvalid(file: "x.yaml", section: "s",
                                                            reason: "checkpoints must be a folder path or a list of them")) {
            try ExtraModelPaths.parse("s:\n  checkpoints: {a: 1}", relativeTo: directory, file: "x.yaml")
        }
        #expect(throws: CatalogError.self) {
            try ExtraModelPaths.load(from: URL(fileURLWithPath: "/nonexistent/extra_model_paths.yaml"))
        }
    }

    @Test func extraFoldersAreScanned() async throws {
        let models = try TemporaryModelFolder()
        let extra = try TemporaryModelFolder()
        defer { models.remove(); extra.remove() }
        try extra.writeSafetensors("ckpts/far.safetensors")
        try extra.write(Data("x:\n  base_path: \(extra.root.path)\n  checkpoints: ckpts\n".utf8), to: "paths.yaml")
        var folders = ModelFolders.standard(in: models.root)
        folders.merge(try ExtraModelPaths.load(from: extra.url("paths.yaml")))
        let catalog = ModelCatalog(folders: folders, hashCacheFile: nil)
        await catalog.refresh(.checkpoint)
        #expect(await catalog.files(.checkpoint).map(\.relativePath) == ["far.safetensors"])
    }
}
