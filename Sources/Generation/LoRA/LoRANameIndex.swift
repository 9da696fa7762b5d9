import Foundation

/// AUTOMATIC1111's rule for the names `<lora:NAME:…>` and the `loras` request field accept
/// (`networks.list_available_networks` / `load_networks`): a LoRA answers to its file name
/// without extension and to its alias, the safetensors metadata `ss_output_name` (else the
/// name). An alias claimed by a second file is disabled: that name then resolves only as a file
/// name. Among files with the same name or alias, the one listed last wins, as in A1111.
/// Lookups are case-sensitive; only "none" is disabled from the start (A1111 also lists
/// "Addams", which its lower-cased check can never match).
public struct LoRANameIndex: Sendable {
    public struct Entry: Sendable, Equatable {
        /// File name without extension (`/sdapi/v1/loras` `name`).
        public let name: String
        /// `ss_output_name` or the name (`/sdapi/v1/loras` `alias`).
        public let alias: String
        public let path: String
        public let metadata: [String: String]

        public init(path: String, metadata: [String: String]) {
            self.path = path
            self.metadata = metadata
            name = LoRANameIndex.name(forPath: path)
            alias = metadata["ss_output_name"] ?? name
        }
    }

    private var byName: [String: Entry] = [:]
    private var byNameOrAlias: [String: Entry] = [:]
    private var disabledAliases: Set<String> = ["none"]

    /// `entries` in scan order (A1111 walks `models/Lora`, then `models/LyCORIS`).
    public init(_ entries: [Entry]) {
        for entry in entries {
            byName[entry.name] = entry
            if byNameOrAlias[entry.alias] != nil { disabledAliases.insert(entry.alias.lowercased()) }
            byNameOrAlias[entry.name] = entry
            byNameOrAlias[entry.alias] = entry
        }
    }

    /// The LoRA a prompt tag or request names, or nil when none does.
    public func resolve(_ name: String) -> Entry? {
        disabledAliases.contains(name.lowercased()) ? byName[name] : byNameOrAlias[name]
    }

    /// The file name without its extension.
    public static func name(forPath path: String) -> String {
        URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    }
}
