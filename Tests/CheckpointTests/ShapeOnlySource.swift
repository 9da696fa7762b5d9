import Foundation
import Tensor
@testable import Checkpoint

/// A tensor source known only by names and shapes (published layouts); reading a tensor gives
/// zeros unless a value was supplied.
struct ShapeOnlySource: TensorSource {
    let fileName: String
    let infos: [String: TensorInfo]
    var values: [String: [Float]] = [:]

    init(name: String, shapes: [String: [Int]], values: [String: [Float]] = [:]) {
        fileName = name
        infos = shapes.mapValues { TensorInfo(dtype: .f16, shape: $0) }
        self.values = values
    }

    func tensor(_ key: String) throws(CheckpointError) -> Tensor {
        guard let info = infos[key] else { throw .missingTensor(file: fileName, key: key) }
        guard let given = values[key] else { return Tensor(zeros: info.shape) }
        do { return try Tensor(shape: info.shape, values: given) } catch { throw .malformed(file: fileName, key: key, reason: "\(error)") }
    }
}

/// Published layouts written by tools/fixtures/checkpoint/published_layouts.py.
enum PublishedLayouts {
    static let formatVersion = 1
    static let directory = fixturesDirectory.appendingPathComponent("layouts")

    static func checkManifest() throws {
        let data = try Data(contentsOf: directory.appendingPathComponent("manifest.json"))
        let manifest = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        let version = manifest?["format_version"] as? Int
        guard version == formatVersion else {
            throw FixtureError(message: "layouts manifest has format \(version.map(String.init) ?? "none"), tests expect "
                + "\(formatVersion); rerun tools/fixtures/checkpoint/published_layouts.py")
        }
    }

    static func shapes(_ name: String) throws -> [String: [Int]] {
        try checkManifest()
        let text = try String(contentsOf: directory.appendingPathComponent("\(name).txt"), encoding: .utf8)
        var result: [String: [Int]] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: "\t", omittingEmptySubsequences: false)
            result[String(parts[0])] = parts[1].split(separator: ",").compactMap { Int($0) }
        }
        return result
    }
}

struct FixtureError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

/// Keys that differ between two shape tables, for readable failures.
func layoutDifference(_ got: [String: [Int]], _ expected: [String: [Int]]) -> String {
    let missing = Set(expected.keys).subtracting(got.keys).sorted().prefix(5)
    let extra = Set(got.keys).subtracting(expected.keys).sorted().prefix(5)
    let wrong = expected.keys.filter { got[$0] != nil && got[$0] != expected[$0] }.sorted().prefix(5)
        .map { "\($0): \(got[$0]!) != \(expected[$0]!)" }
    return "missing \(Array(missing)), unexpected \(Array(extra)), wrong shapes \(wrong)"
}
