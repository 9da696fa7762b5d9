/// Finds the one model file a request names: by title (`sub/foo.safetensors [0123456789]`),
/// relative path with or without extension, A1111 `model_name`, file name with or without
/// extension, short hash or full SHA-256. Names that try to leave the model folders are
/// refused before any lookup, and a name matching several files is an error, not a guess.
public struct ModelNameResolver: Sendable {
    public var kind: ModelKind
    public var files: [ModelFile]

    public init(kind: ModelKind, files: [ModelFile]) {
        self.kind = kind
        self.files = files
    }

    public func resolve(_ rawName: String) throws(CatalogError) -> ModelFile {
        let name = rawName.trimmingCharacters(in: .whitespaces)
        try Self.refuseEscapes(name, kind: kind)
        let (base, hashSuffix) = Self.splitHashSuffix(name)
        let matchers: [(ModelFile) -> Bool] = [
            { $0.title == name || $0.relativePath == base },
            { $0.pathWithoutExtension == base || $0.modelName == base },
            { $0.shortHash == name.lowercased() || $0.sha256 == name.lowercased() },
            { $0.fileName == base },
            { $0.stem == base },
        ]
        for matcher in matchers {
            let matches = files.filter { matcher($0) && Self.hash($0.sha256, agreesWith: hashSuffix) }
            if matches.count == 1 { return matches[0] }
            if matches.count > 1 {
                throw .ambiguous(kind: kind, name: rawName, candidates: matches.map(\.title))
            }
        }
        throw .notFound(kind: kind, name: rawName)
    }

    /// Refuses absolute paths, home-relative paths, `..` segments and NUL bytes.
    static func refuseEscapes(_ name: String, kind: ModelKind) throws(CatalogError) {
        let segments = name.split(whereSeparator: { $0 == "/" || $0 == "\\" })
        let isAbsolute = name.hasPrefix("/") || name.hasPrefix("\\") || name.hasPrefix("~")
            || (name.count >= 2 && name.dropFirst().first == ":")
        if isAbsolute || segments.contains("..") || name.contains("\0") {
            throw .outsideModelFolders(kind: kind, name: name)
        }
    }

    /// Splits `name [abcdef0123]` into `name` and the hash digits.
    static func splitHashSuffix(_ name: String) -> (base: String, hash: String?) {
        guard name.hasSuffix("]"), let open = name.lastIndex(of: "["), open > name.startIndex,
            name[name.index(before: open)] == " "
        else { return (name, nil) }
        let digits = name[name.index(after: open)..<name.index(before: name.endIndex)].lowercased()
        guard digits.count >= 8, digits.allSatisfy(\.isHexDigit) else { return (name, nil) }
        return (String(name[..<name.index(before: open)]), digits)
    }

    /// A title's bracketed hash must agree with the file's digest once that is known.
    static func hash(_ sha256: String?, agreesWith suffix: String?) -> Bool {
        guard let suffix, let sha256 else { return true }
        return sha256.hasPrefix(suffix)
    }
}
