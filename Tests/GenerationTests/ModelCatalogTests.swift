import Foundation
import SDTesting
import Testing

@testable import Generation

@Suite struct ModelCatalogTests {
    /// SHA-256 of the 3 bytes "abc" (FIPS 180-2 example).
    static let abcDigest = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"

    @Test func findsModelsRecursivelyUnderBothFolderNames() async throws {
        let models = try TemporaryModelFolder()
        defer { models.remove() }
        try models.writeSafetensors("checkpoints/b.safetensors")
        try models.writeSafetensors("Stable-diffusion/sub/a.safetensors")
        try models.write(Data("ckpt".utf8), to: "checkpoints/old.ckpt")
        try models.write(Data("notes".utf8), to: "checkpoints/readme.txt")
        try models.writeSafetensors("checkpoints/.hidden/x.safetensors")
        try models.writeSafetensors("Lora/style.safetensors")
        try models.writeSafetensors("VAE/vae.pt")
        try models.writeSafetensors("embeddings/token.safetensors")
        let catalog = ModelCatalog(folders: .standard(in: models.root), hashCacheFile: nil)
        await catalog.refreshAll()
        #expect(await catalog.files(.checkpoint).map(\.relativePath) == ["b.safetensors", "old.ckpt", "sub/a.safetensors"])
        #expect(await catalog.files(.lora).map(\.relativePath) == ["style.safetensors"])
        #expect(await catalog.files(.vae).map(\.relativePath) == ["vae.pt"])
        #expect(await catalog.files(.embedding).map(\.relativePath) == ["token.safetensors"])
    }

    @Test func hashesInTheBackgroundAndTitlesGainTheShortHash() async throws {
        let models = try TemporaryModelFolder()
        defer { models.remove() }
        try models.write(Data("abc".utf8), to: "checkpoints/sub/model.safetensors")
        let catalog = ModelCatalog(folders: .standard(in: models.root), hashCacheFile: nil)
        await catalog.refreshAll()
        await catalog.waitUntilHashed()
        let file = try #require(await catalog.files(.checkpoint).first)
        #expect(file.sha256 == Self.abcDigest)
        #expect(file.shortHash == "ba7816bf8f")
        #expect(file.title == "sub/model.safetensors [ba7816bf8f]")
        #expect(file.modelName == "sub_model")
    }

    @Test func hashesSurviveARestartAndChangedFilesAreHashedAgain() async throws {
        let models = try TemporaryModelFolder()
        defer { models.remove() }
        try models.write(Data("abc".utf8), to: "checkpoints/one.safetensors")
        try models.write(Data("def".utf8), to: "VAE/two.safetensors")
        let cacheFile = models.url(".sdserve/model-hashes.json")
        let first = ModelCatalog(folders: .standard(in: models.root), hashCacheFile: cacheFile)
        await first.refreshAll()
        await first.waitUntilHashed()
        #expect(await first.filesHashed == 2)

        let restarted = ModelCatalog(folders: .standard(in: models.root), hashCacheFile: cacheFile)
        await restarted.refreshAll()
        #expect(await restarted.files(.checkpoint).first?.sha256 == Self.abcDigest)
        await restarted.waitUntilHashed()
        #expect(await restarted.filesHashed == 0)

        try models.write(Data("abcd".utf8), to: "checkpoints/one.safetensors")
        await restarted.refresh(.checkpoint)
        await restarted.waitUntilHashed()
        #expect(await restarted.filesHashed == 1)
        #expect(await restarted.files(.checkpoint).first?.sha256 != Self.abcDigest)
    }

    @Test func listingAThousandFilesAnswersBeforeHashingFinishes() async throws {
        let models = try TemporaryModelFolder()
        defer { models.remove() }
        let payload = Data(repeating: 7, count: 4096)
        for index in 0..<1000 {
            try models.write(payload, to: "checkpoints/batch\(index / 100)/model\(index).safetensors")
        }
        let catalog = ModelCatalog(folders: .standard(in: models.root), hashCacheFile: models.url(".sdserve/h.json"))
        let clock = ContinuousClock()
        let elapsed = await clock.measure {
            await catalog.refreshAll()
            #expect(await catalog.files(.checkpoint).count == 1000)
        }
        #expect(elapsed < .seconds(5))
        await catalog.waitUntilHashed()
        #expect(await catalog.files(.checkpoint).allSatisfy { $0.sha256 != nil })
        #expect(await catalog.filesHashed == 1000)
        #expect(HashCache.load(from: models.url(".sdserve/h.json")).count == 1000)
    }

    @Test func skipsSymlinksThatLeaveTheFolderButKeepsOnesInside() async throws {
        let models = try TemporaryModelFolder()
        let outside = try TemporaryModelFolder()
        defer { models.remove(); outside.remove() }
        let secret = try outside.writeSafetensors("secret.safetensors")
        let inside = try models.writeSafetensors("checkpoints/real.safetensors")
        try models.symlink("checkpoints/escape.safetensors", to: secret)
        try models.symlink("checkpoints/alias.safetensors", to: inside)
        let catalog = ModelCatalog(folders: .standard(in: models.root), hashCacheFile: nil)
        await catalog.refreshAll()
        #expect(await catalog.files(.checkpoint).map(\.relativePath) == ["alias.safetensors", "real.safetensors"])
        await #expect(throws: CatalogError.notFound(kind: .checkpoint, name: "escape")) {
            try await catalog.resolve("escape", kind: .checkpoint)
        }
    }
}
