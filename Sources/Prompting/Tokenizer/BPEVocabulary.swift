import Foundation

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
        var tokens = ByteCharacters.characters.map(String.init)
        tokens += tokens.map { $0 + Self.wordEnd }
        var ids = [String: Int32](minimumCapacity: 50_000)
        for (id, token) in tokens.enumerated() { ids[token] = Int32(id) }

        var ranks = [UInt64: Int32](minimumCapacity: 50_000)
        let lines = mergesText.split(separator: "\n", omittingEmptySubsequences: true)
        guard lines.first?.contains("#version") == true else {
            throw .vocabularyUnreadable(file: file, reason: "the first line is not a `#version` header line")
        }
        for (offset, line) in lines.dropFirst().enumerated() {
            let parts = line.split(separator: " ")
            guard parts.count == 2, let left = ids[String(parts[0])], let right = ids[String(parts[1])] else {
                throw .vocabularyUnreadable(file: file, reason: "line \(offset + 2) is not a merge of two known tokens")
            }
            let merged = String(parts[0]) + String(parts[1])
            let rank = Int32(offset)
            ranks[Self.pairKey(left, right)] = rank
            ids[merged] = Self.firstMergeID + rank
            tokens.append(merged)
        }
        guard tokens.count == Int(CLIPTokenizer.startOfText) else {
            throw .vocabularyUnreadable(
                file: file, reason: "expected \(CLIPTokenizer.startOfText - Self.firstMergeID) merges, found \(ranks.count)")
        }
        tokens += [CLIPTokenizer.startOfTextText, CLIPTokenizer.endOfTextText]
        self.tokens = tokens
        self.ranks = ranks
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
