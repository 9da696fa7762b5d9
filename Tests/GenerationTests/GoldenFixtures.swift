import Checkpoint
import Foundation
import Imaging
import Tensor
@testable import Generation

/// `Tests/Fixtures/golden/`: AUTOMATIC1111-pipeline reference images for the tiny SD1 checkpoint,
/// written by `tools/fixtures/golden/make_fixtures.py`.
struct GoldenFixtures: Decodable {
    static let formatVersion = 1

    struct CheckpointIdentity: Decodable {
        let preset: String
        let seed: UInt64
        let dtype: String
        let sha256: String
    }

    /// One request and its reference image; img2img and inpainting name their input files.
    struct Case: Decodable, Sendable, CustomStringConvertible {
        let name: String
        let kind: String
        let prompt: String
        let negativePrompt: String
        let seed: Int
        let sampler: String
        let scheduler: String?
        let steps: Int
        let cfgScale: Double
        let width: Int
        let height: Int
        let denoisingStrength: Double?
        let initImage: String?
        let mask: String?
        let maskBlur: Double?
        let inpaintingFill: Int?
        let expected: String

        var description: String { name }
    }

    let formatVersion: Int
    let generator: String
    let checkpoint: CheckpointIdentity
    let cases: [Case]

    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/golden")

    static func load() throws -> GoldenFixtures {
        let url = folder.appendingPathComponent("manifest.json")
        let fixtures = try JSONDecoder().decode(GoldenFixtures.self, from: Data(contentsOf: url))
        guard fixtures.formatVersion == formatVersion else {
            throw GoldenFixtureError(
                "\(url.path) has format version \(fixtures.formatVersion), the tests expect \(formatVersion); "
                    + "rerun \(fixtures.generator) (see its header) or update the tests")
        }
        return fixtures
    }

    /// The case names, for parameterised tests (empty when the manifest is unreadable, which
    /// `manifestMatchesTheCheckpointWriter` reports).
    static var caseNames: [String] { (try? load().cases.map(\.name)) ?? [] }

    func testCase(named name: String) throws -> Case {
        guard let found = cases.first(where: { $0.name == name }) else {
            throw GoldenFixtureError("no golden case \(name) in \(Self.folder.path)/manifest.json")
        }
        return found
    }

    /// The shared tiny checkpoint, checked to be byte-identical to the file the references
    /// were made from.
    func model() async throws -> LoadedModel {
        guard let preset = ModelPreset(rawValue: checkpoint.preset), checkpoint.dtype == "f32" else {
            throw GoldenFixtureError("golden checkpoint \(checkpoint.preset) (\(checkpoint.dtype)) is not a preset the tests write")
        }
        let file = try TinyModels.file(preset, name: "golden-\(preset.rawValue)-\(checkpoint.seed)", seed: checkpoint.seed)
        let digest = try FileHasher.sha256Blocking(of: URL(fileURLWithPath: file.path))
        guard digest == checkpoint.sha256 else {
            throw GoldenFixtureError(
                "TestModelWriter now writes \(preset.rawValue) seed \(checkpoint.seed) with SHA-256 \(digest), the golden "
                    + "images were made from \(checkpoint.sha256); rerun \(generator) (see its header)")
        }
        return try await Self.models.model(for: ModelSelection(checkpoint: file))
    }

    /// The references are f32 computations, so the golden model runs on an fp32 CPU backend
    /// whatever the machine's default precision (bf16 where the CPU has it).
    static let models = ModelCache(capacity: 1) { selection throws(ModelLoadFailure) in
        let loader: ModelLoader
        do { loader = try ModelLoader(backend: CPUBackend(precision: .fp32)) } catch {
            throw ModelLoadFailure(file: selection.checkpoint.path, reason: "no fp32 CPU backend: \(error)")
        }
        return try loader.load(selection)
    }

    static func image(_ name: String) throws -> Image {
        let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent(name)))
        return try ImageDecoder.decode(bytes).image
    }
}

struct GoldenFixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
