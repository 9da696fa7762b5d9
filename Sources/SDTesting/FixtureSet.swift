import Foundation
import Tensor

/// A versioned fixture folder `Tests/Fixtures/<area>/`: `manifest.json` naming tensors stored
/// in one little-endian binary file, written by a generator script under `tools/fixtures/`.
/// Area-specific manifest fields are read with `decodeManifest(as:)`.
public struct FixtureSet: Sendable {
    public let folder: URL
    public let manifest: FixtureManifest
    private let blob: Data

    /// Opens `Tests/Fixtures/<area>` found by walking up from the calling test file, and checks
    /// that the manifest's format version is `expectedVersion`.
    public init(area: String, expectedVersion: Int, filePath: String = #filePath) throws {
        var directory = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        while directory.lastPathComponent != "Tests" {
            guard directory.pathComponents.count > 1 else { throw FixtureError.testsFolderNotFound(from: filePath) }
            directory.deleteLastPathComponent()
        }
        try self.init(folder: directory.appendingPathComponent("Fixtures").appendingPathComponent(area),
                      expectedVersion: expectedVersion)
    }

    public init(folder: URL, expectedVersion: Int) throws {
        self.folder = folder
        let manifestURL = folder.appendingPathComponent("manifest.json")
        let manifestData: Data
        do { manifestData = try Data(contentsOf: manifestURL) } catch {
            throw FixtureError.unreadable(path: manifestURL.path, reason: "\(error)")
        }
        do { manifest = try JSONDecoder().decode(FixtureManifest.self, from: manifestData) } catch {
            throw FixtureError.unreadable(path: manifestURL.path, reason: "\(error)")
        }
        guard manifest.formatVersion == expectedVersion else {
            throw FixtureError.versionMismatch(
                folder: folder.path, found: manifest.formatVersion, expected: expectedVersion, generator: manifest.generator)
        }
        let blobURL = folder.appendingPathComponent(manifest.file)
        do { blob = try Data(contentsOf: blobURL) } catch {
            throw FixtureError.unreadable(path: blobURL.path, reason: "\(error)")
        }
    }

    /// The named tensor, copied out of the fixture file.
    public func tensor(named name: String) throws -> Tensor {
        guard let entry = manifest.tensors[name] else { throw FixtureError.missingTensor(name: name, folder: folder.path) }
        let tensor = Tensor(zeros: entry.shape, dtype: entry.dtype)
        guard entry.offset >= 0, entry.offset + tensor.byteCount <= blob.count else {
            throw FixtureError.unreadable(path: folder.path, reason: "tensor \(name) runs past the end of \(manifest.file)")
        }
        blob.withUnsafeBytes { bytes in
            tensor.rawPointer.copyMemory(from: bytes.baseAddress! + entry.offset, byteCount: tensor.byteCount)
        }
        return tensor
    }

    /// Decodes the manifest again as an area's own type (for its case list).
    public func decodeManifest<T: Decodable>(as type: T.Type) throws -> T {
        let url = folder.appendingPathComponent("manifest.json")
        do { return try JSONDecoder().decode(type, from: Data(contentsOf: url)) } catch {
            throw FixtureError.unreadable(path: url.path, reason: "\(error)")
        }
    }
}

/// The fields every fixture manifest has.
public struct FixtureManifest: Codable, Sendable {
    public struct Entry: Codable, Sendable {
        public let shape: [Int]
        public let dtype: DType
        /// Byte offset inside the manifest's `file`.
        public let offset: Int
    }

    public let formatVersion: Int
    /// The script that wrote this folder, relative to the repository root.
    public let generator: String
    /// The binary file holding every tensor.
    public let file: String
    public let tensors: [String: Entry]
}

public enum FixtureError: Error, CustomStringConvertible {
    case testsFolderNotFound(from: String)
    case unreadable(path: String, reason: String)
    case versionMismatch(folder: String, found: Int, expected: Int, generator: String)
    case missingTensor(name: String, folder: String)

    public var description: String {
        switch self {
        case let .testsFolderNotFound(path):
            "no enclosing Tests/ folder above \(path)"
        case let .unreadable(path, reason):
            "cannot read fixture \(path): \(reason)"
        case let .versionMismatch(folder, found, expected, generator):
            "fixtures in \(folder) have format version \(found), tests expect \(expected); "
                + "rerun `/work/pyenv/bin/python \(generator)` or update the test"
        case let .missingTensor(name, folder):
            "fixture tensor \(name) is not in \(folder)/manifest.json; rerun its generator"
        }
    }
}
