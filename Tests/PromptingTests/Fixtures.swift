import Foundation

/// Reads committed fixtures from `Tests/Fixtures/prompting/`, checking their format version.
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/prompting")

    private struct Header: Decodable { let format_version: Int }

    struct VersionMismatch: Error, CustomStringConvertible {
        let file: String, found: Int, expected: Int, generator: String
        var description: String {
            "\(file) has format version \(found), the tests expect \(expected): rerun \(generator)"
        }
    }

    /// Decodes `name`, failing with the generator to rerun when its `format_version` differs.
    static func load<T: Decodable>(_ type: T.Type, from name: String, version: Int, generator: String) throws -> T {
        let data = try Data(contentsOf: directory.appendingPathComponent(name))
        let header = try JSONDecoder().decode(Header.self, from: data)
        guard header.format_version == version else {
            throw VersionMismatch(file: name, found: header.format_version, expected: version, generator: generator)
        }
        return try JSONDecoder().decode(T.self, from: data)
    }
}
