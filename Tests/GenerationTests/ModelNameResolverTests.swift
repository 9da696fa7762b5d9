import Foundation
import Testing

@testable import Generation

@Suite struct ModelNameResolverTests {
    static func file(_ path: String, sha256: String? = nil) -> ModelFile {
        ModelFile(kind: .checkpoint, url: URL(fileURLWithPath: "/models/checkpoints/" + path), relativePath: path,
                  size: 1, modificationDate: Date(timeIntervalSince1970: 0), sha256: sha256)
    }

    static let hashed = String(repeating: "ab", count: 32)
    let resolver = ModelNameResolver(kind: .checkpoint, files: [
        file("sub/dream.safetensors", sha256: hashed),
        file("v1-5.ckpt"),
        file("a/same.safetensors"),
        file("b/same.safetensors"),
    ])

    @Test(arguments: [
        "sub/dream.safetensors [abababab]", "sub/dream.safetensors [ababababab]", "sub/dream.safetensors", "sub/dream",
        "sub_dream", "dream.safetensors", "dream", "ababababab", String(repeating: "ab", count: 32), "  dream  ",
    ])
    func resolvesEveryA1111NameForm(name: String) throws {
        #expect(try resolver.resolve(name).relativePath == "sub/dream.safetensors")
    }

    @Test func unhashedFilesResolveByPathAndStem() throws {
        #expect(try resolver.resolve("v1-5").relativePath == "v1-5.ckpt")
        #expect(try resolver.resolve("v1-5.ckpt [12345678]").relativePath == "v1-5.ckpt")
    }

    @Test func unknownNamesAndWrongHashesAreNamedInTheError() {
        #expect(throws: CatalogError.notFound(kind: .checkpoint, name: "nope")) { try resolver.resolve("nope") }
        #expect(throws: CatalogError.notFound(kind: .checkpoint, name: "sub/dream.safetensors [0000000000]")) {
            try resolver.resolve("sub/dream.safetensors [0000000000]")
        }
    }

    @Test func ambiguousNamesListTheCandidates() {
        #expect(throws: CatalogError.ambiguous(kind: .checkpoint, name: "same",
                                               candidates: ["a/same.safetensors", "b/same.safetensors"])) {
            try resolver.resolve("same")
        }
        #expect(try resolver.resolve("a/same").relativePath == "a/same.safetensors")
    }

    @Test(arguments: [
        "../dream.safetensors", "sub/../../etc/passwd", "/etc/passwd", "/models/checkpoints/sub/dream.safetensors",
        "~/dream.safetensors", "..\\dream.safetensors", "C:\\models\\dream.safetensors", "dream\0.safetensors",
    ])
    func namesThatLeaveTheModelFoldersAreRefused(name: String) {
        #expect(throws: CatalogError.outsideModelFolders(kind: .checkpoint, name: name.trimmingCharacters(in: .whitespaces))) {
            try resolver.resolve(name)
        }
    }
}
