import Foundation
import Testing

/// Fixture files under Tests/Fixtures/sampling, produced by tools/fixtures/sampling/make_fixtures.py.
enum Fixtures {
    static let formatVersion = 1
    static let script = "tools/fixtures/sampling/make_fixtures.py"

    static let directory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/sampling")

    static func url(_ name: String) -> URL { directory.appendingPathComponent(name) }

    static func data(_ name: String) throws -> Data { try Data(contentsOf: url(name)) }

    /// Decodes a JSON fixture and checks the manifest's format version first.
    static func json<T: Decodable>(_ type: T.Type, _ name: String) throws -> T {
        let manifest = try JSONDecoder().decode(Manifest.self, from: data("manifest.json"))
        try #require(
            manifest.formatVersion == formatVersion,
            "fixture format \(manifest.formatVersion) != \(formatVersion): rerun \(script)")
        return try JSONDecoder().decode(T.self, from: data(name))
    }

    static func float32File(_ name: String) throws -> [Float] {
        let bytes = try data(name)
        return stride(from: 0, to: bytes.count, by: 4).map { offset in
            let bits = UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8
                | UInt32(bytes[offset + 2]) << 16 | UInt32(bytes[offset + 3]) << 24
            return Float(bitPattern: bits)
        }
    }

    struct Manifest: Decodable {
        let formatVersion: Int
        enum CodingKeys: String, CodingKey { case formatVersion = "format_version" }
    }
}

/// Compares two arrays with a relative tolerance, |a−b| ≤ tol·max(|b|, floor·max|b|): elements
/// near zero are measured against a fraction (`floor`) of the array's largest magnitude. On
/// failure records max-abs difference, NMSE and the first mismatches.
func expectClose(
    _ actual: [Double], _ expected: [Double], relative tolerance: Double, floor: Double = 0.1,
    _ label: String, sourceLocation: SourceLocation = #_sourceLocation
) {
    guard actual.count == expected.count else {
        Issue.record("\(label): count \(actual.count) != expected \(expected.count)", sourceLocation: sourceLocation)
        return
    }
    var maxAbs = 0.0, errorEnergy = 0.0, signalEnergy = 0.0
    var mismatches: [String] = []
    let scale = expected.map(abs).max() ?? 0
    for (i, (a, e)) in zip(actual, expected).enumerated() {
        let diff = abs(a - e)
        maxAbs = max(maxAbs, diff.isNaN ? .infinity : diff)
        errorEnergy += diff * diff
        signalEnergy += e * e
        if !(diff <= tolerance * max(abs(e), floor * scale)), mismatches.count < 5 {
            mismatches.append("[\(i)] \(a) vs \(e)")
        }
    }
    if !mismatches.isEmpty {
        let nmse = errorEnergy / max(signalEnergy, .leastNormalMagnitude)
        Issue.record(
            "\(label): max-abs \(maxAbs), NMSE \(nmse); first mismatches: \(mismatches.joined(separator: ", "))",
            sourceLocation: sourceLocation)
    }
}

func expectClose(
    _ actual: [Float], _ expected: [Double], relative tolerance: Double, floor: Double = 0.1,
    _ label: String, sourceLocation: SourceLocation = #_sourceLocation
) {
    expectClose(actual.map(Double.init), expected, relative: tolerance, floor: floor, label, sourceLocation: sourceLocation)
}

/// Float32 values written with 9 significant digits round-trip exactly; compares the bits.
func expectBitExact(_ actual: [Float], _ expected: [Double], _ label: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let mismatches = zip(actual, expected).enumerated().filter { $0.element.0.bitPattern != Float($0.element.1).bitPattern }
    #expect(actual.count == expected.count, "\(label): count", sourceLocation: sourceLocation)
    #expect(
        mismatches.isEmpty,
        "\(label): \(mismatches.count) values differ, first \(mismatches.prefix(3).map { "[\($0.offset)] \($0.element.0) vs \($0.element.1)" })",
        sourceLocation: sourceLocation)
}
