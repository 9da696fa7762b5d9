/// CLIP's vocabulary and merge ranks, derived from the merges file the way CLIP builds them:
/// ids 0..<256 are the byte characters, 256..<512 the same with the end-of-word marker `</w>`,
/// then one id per merge in rank order (so merge `r` produces id `512 + r`), then the special
/// tokens 49406 and 49407.
struct BPEVocabulary: Sendable {
    static let wordEnd = "</w>"
    static let firstMergeID: Int32 = 512

    /// Token text per id, in the byte-character alphabet (for display and decoding).
    let tokens: [String]
    /// Merge rank keyed by `left << 32 | right` token ids.
    private let ranks: [UInt64: Int32]

    init(mergesText: String, file: String) throws(PromptingError) {
        // Works on UTF-8 bytes with a streaming FNV-1a hash as the lookup key: hashing Swift
        // Strings (Unicode-aware) made loading several times slower. Merged tokens are unique,
        // so a key seen twice can only be a hash collision, which is reported, never ignored.
        let bytes = Array(mergesText.utf8)
        var ids = [UInt64: Int32](minimumCapacity: 50_000)
        var tokens = ByteCharacters.characters.map(String.init)
        tokens += tokens.map { $0 + Self.wordEnd }
        for (id, token) in tokens.enumerated() { ids[Self.hash(token.utf8)] = Int32(id) }

        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true)[...]
        guard let header = lines.popFirst(), String(decoding: header, as: UTF8.self).contains("#version") else {
            throw .vocabularyUnreadable(file: file, reason: "the first line is not a `#version` header line")
        }
        var ranks = [UInt64: Int32](minimumCapacity: 50_000)
        for (offset, line) in lines.enumerated() {
            let rank = Int32(offset)
            guard let space = line.firstIndex(of: UInt8(ascii: " ")),
                  case let left = line[..<space], case let right = line[(space + 1)...],
                  !right.contains(UInt8(ascii: " ")),
                  let leftID = ids[Self.hash(left)], let rightID = ids[Self.hash(right)] else {
                throw .vocabularyUnreadable(file: file, reason: "line \(offset + 2) is not a merge of two known tokens")
            }
            let mergedKey = Self.hash(right, continuing: Self.hash(left))
            guard ids.updateValue(Self.firstMergeID + rank, forKey: mergedKey) == nil else {
                throw .vocabularyUnreadable(file: file, reason: "line \(offset + 2) repeats a token (or collides in the lookup hash)")
            }
            ranks[Self.pairKey(leftID, rightID)] = rank
            tokens.append(String(decoding: left, as: UTF8.self) + String(decoding: right, as: UTF8.self))
        }
        guard tokens.count == Int(CLIPTokenizer.startOfText) else {
            throw .vocabularyUnreadable(
                file: file, reason: "expected \(CLIPTokenizer.startOfText - Self.firstMergeID) merges, found \(ranks.count)")
        }
        tokens += [CLIPTokenizer.startOfTextText, CLIPTokenizer.endOfTextText]
        self.tokens = tokens
        self.ranks = ranks
    }

    /// 64-bit FNV-1a over `bytes`, optionally continuing a previous hash (so hash(a + b) can be
    /// computed from hash(a)).
    private static func hash(_ bytes: some Sequence<UInt8>, continuing state: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64 {
        var state = state
        for byte in bytes {
            state ^= UInt64(byte)
            state &*= 0x0000_0100_0000_01B3
        }
        return state
    }

    static func pairKey(_ left: Int32, _ right: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: left)) << 32 | UInt64(UInt32(bitPattern: right))
    }

    /// Byte-pair encodes one pre-tokenized piece: starts from its bytes (the last one carrying
    /// `</w>`) and repeatedly merges every occurrence of the lowest-ranked adjacent pair.
    func encode(piece: String) -> [Int32] {
        var word = piece.utf8.map { ByteCharacters.vocabularyIndex[Int($0)] }
        guard let last = word.indices.last else { return [] }
        word[last] += 256
        while word.count > 1 {
            var best: (rank: Int32, left: Int32, right: Int32) = (.max, 0, 0)
            for i in 0..<(word.count - 1) {
                if let rank = ranks[Self.pairKey(word[i], word[i + 1])], rank < best.rank {
                    best = (rank, word[i], word[i + 1])
                }
            }
            guard best.rank != .max else { break }
            let previous = word
            word.removeAll(keepingCapacity: true)
            var i = 0
            while i < previous.count {
                if i + 1 < previous.count, previous[i] == best.left, previous[i + 1] == best.right {
                    word.append(Self.firstMergeID + best.rank)
                    i += 2
                } else {
                    word.append(previous[i])
                    i += 1
                }
            }
        }
        return word
    }
}
