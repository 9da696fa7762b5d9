import Checkpoint
import SDTesting
import Tensor

/// `Tests/Fixtures/diffusion`, written by `tools/fixtures/diffusion/make_fixtures.py`.
struct DiffusionFixtures {
    static let formatVersion = 1

    struct Manifest: Decodable {
        let cases: [Case]
    }

    struct Case: Decodable {
        let name: String
        let kind: String
        /// Canonical key -> shape of every weight of the model.
        let layout: [String: [Int]]
        // UNet cases
        let prediction: String?
        let unetConfig: UNetConfig?
        let timesteps: [Float]?
        let x: String?
        let context: String?
        let y: String?
        let pooled: String?
        let timeIds: [[Float]]?
        let timestepFeatures: String?
        let output: String?
        // VAE case
        let vaeConfig: VAEConfig?
        let image: String?
        let mean: String?
        let logvar: String?
        let z: String?
        let decoded: String?
    }

    let set: FixtureSet
    let cases: [Case]

    init() throws {
        set = try FixtureSet(area: "diffusion", expectedVersion: Self.formatVersion)
        cases = try set.decodeManifest(as: Manifest.self).cases
    }

    func `case`(_ name: String) throws -> Case {
        guard let found = cases.first(where: { $0.name == name }) else {
            throw FixtureError.missingTensor(name: "case \(name)", folder: set.folder.path)
        }
        return found
    }

    func tensor(_ name: String?) throws -> Tensor {
        try set.tensor(named: name ?? "<unnamed>")
    }

    func source(for fixture: Case) -> SyntheticTensorSource {
        SyntheticTensorSource(fileName: "\(fixture.name).safetensors", shapes: fixture.layout)
    }
}
