import Crypto
import Foundation

/// AUTOMATIC1111's LoRA hashes (`network.NetworkOnDisk`, `hashes.addnet_hash_safetensors`):
/// the SHA-256 of a `.safetensors` file's bytes after its header (kohya's "addnet" hash, so
/// editing metadata does not change it), of the whole file for `.pt`/`.ckpt`; metadata
/// `sshs_model_hash` takes precedence. Infotext's `Lora hashes` shows the first 12 hex digits.
public enum LoRAHash {
    /// Lower-case hex digest of `file` as A1111 hashes LoRAs. Blocking; run it off the request path.
    public static func sha256(of file: URL, metadata: [String: String] = [:]) throws -> String {
        if let stored = metadata["sshs_model_hash"], !stored.isEmpty { return stored }
        let handle = try FileHandle(forReadingFrom: file)
        defer { try? handle.close() }
        if file.pathExtension.lowercased() == "safetensors" {
            let lengthBytes = try handle.read(upToCount: 8) ?? Data()
            guard lengthBytes.count == 8 else { throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: file.path]) }
            let headerLength = lengthBytes.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
            try handle.seek(toOffset: 8 + headerLength)
        }
        var hasher = SHA256()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            hasher.update(data: chunk)
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// The first 12 hex digits (A1111's `shorthash` for LoRAs).
    public static func shortHash(_ sha256: String) -> String { String(sha256.prefix(12)) }

    /// The infotext value of `Lora hashes` (A1111 `extra_networks_lora`): `"name: hash, name2: hash"`
    /// for each LoRA as the prompt named it, with ':' and ',' removed from the name; a repeated
    /// name keeps its first place and its last hash; LoRAs without a hash are left out. nil when
    /// nothing is left (the field is then omitted). Quoting is the infotext writer's job.
    public static func infotextValue(_ used: [(mentionedName: String, shortHash: String)]) -> String? {
        var order: [String] = [], hashes: [String: String] = [:]
        for (mentioned, hash) in used where !hash.isEmpty && !mentioned.isEmpty {
            let name = String(mentioned.filter { $0 != ":" && $0 != "," })
            if hashes[name] == nil { order.append(name) }
            hashes[name] = hash
        }
        guard !order.isEmpty else { return nil }
        return order.map { "\($0): \(hashes[$0] ?? "")" }.joined(separator: ", ")
    }
}
