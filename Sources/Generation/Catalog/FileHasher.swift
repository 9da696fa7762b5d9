import Crypto
import Dispatch
import Foundation

/// Computes whole-file SHA-256 digests on a utility dispatch queue, so hashing a 7 GB
/// checkpoint never occupies one of the few Swift concurrency threads that serve requests.
public enum FileHasher {
    static let chunkSize = 8 << 20
    private static let queue = DispatchQueue(label: "sdserve.model-hashing", qos: .utility)

    /// Lower-case hex SHA-256 of the whole file.
    public static func sha256(of file: URL) async throws -> String {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result { try sha256Blocking(of: file) })
            }
        }
    }

    static func sha256Blocking(of file: URL) throws -> String {
        let handle = try FileHandle(forReadingFrom: file)
        defer { try? handle.close() }
        var hasher = SHA256()
        while let chunk = try handle.read(upToCount: chunkSize), !chunk.isEmpty {
            hasher.update(data: chunk)
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
