import Checkpoint
import Foundation
import Tensor
import Testing

/// Releasing a mapped weight's pages must shrink the mapping's resident size and leave every
/// byte readable (the pages fault back in from the file).
@Suite struct MappedFileResidencyTests {
    @Test func releasedPagesLeaveTheResidentSetAndStayReadable() throws {
        let directory = TestDirectory()
        let count = 1 << 20  // 4 MiB of f32
        let values = (0..<count).map { Float($0 % 1000) * 0.5 }
        let path = directory.path("weights.bin")
        let bytes = values.withUnsafeBytes { Array($0) }
        directory.write("weights.bin", bytes)

        let file = try MappedFile(path: path)
        let tensor = try Tensor(shape: [count], dtype: .f32, storage: file.storage())
        let address = Int(bitPattern: tensor.rawPointer)
        #expect(tensor.floats() == values)
        let touched = try #require(mappingResidentBytes(containing: address))
        #expect(touched >= 4 << 20)

        tensor.releaseResidentFilePages()
        let released = try #require(mappingResidentBytes(containing: address))
        #expect(released <= 64 << 10, "resident after release: \(released) bytes")
        #expect(tensor.floats() == values)
    }

    @Test func ownedStorageIsNotReleased() throws {
        let tensor = try Tensor(shape: [4096], values: (0..<4096).map(Float.init))
        tensor.releaseResidentFilePages()
        #expect(tensor.floats() == (0..<4096).map(Float.init))
    }

    /// The `Rss:` of the mapping that holds `address`, from /proc/self/smaps.
    private func mappingResidentBytes(containing address: Int) -> Int? {
        // /proc files report size 0, so read to the end rather than by the stat size.
        guard let data = try? FileHandle(forReadingFrom: URL(fileURLWithPath: "/proc/self/smaps")).readToEnd() else { return nil }
        let smaps = String(decoding: data, as: UTF8.self)
        var inMapping = false
        for line in smaps.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            if let range = fields.first, range.contains("-"), !range.hasSuffix(":") {
                let bounds = range.split(separator: "-").compactMap { Int($0, radix: 16) }
                inMapping = bounds.count == 2 && bounds[0] <= address && address < bounds[1]
            } else if inMapping, fields.first == "Rss:", fields.count >= 2, let kib = Int(fields[1]) {
                return kib * 1024
            }
        }
        return nil
    }
}
