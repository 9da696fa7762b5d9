/// Textual-inversion embeddings by the token ids of their names, as A1111 finds them: at each
/// position of a fragment's tokens the longest registered name that matches there wins.
public struct EmbeddingVocabulary: Sendable {
    public struct Entry: Equatable, Sendable {
        public var name: String
        public var vectorCount: Int
    }

    private struct Node: Sendable {
        var children: [Int32: Int] = [:]
        var entry: Entry?
    }

    private var nodes = [Node()]

    public init() {}

    /// Registers each embedding (name → number of vectors) under its name's token ids. Names
    /// that tokenize to nothing cannot be written in a prompt and are skipped; where two names
    /// give the same ids, the first registered stays.
    public init(embeddings: [(name: String, vectorCount: Int)], tokenizer: CLIPTokenizer) {
        for embedding in embeddings {
            insert(ids: tokenizer.encode(embedding.name), entry: Entry(name: embedding.name, vectorCount: embedding.vectorCount))
        }
    }

    public var isEmpty: Bool { nodes.count == 1 }

    private mutating func insert(ids: [Int32], entry: Entry) {
        guard !ids.isEmpty else { return }
        var node = 0
        for id in ids {
            if let child = nodes[node].children[id] {
                node = child
            } else {
                nodes.append(Node())
                nodes[node].children[id] = nodes.count - 1
                node = nodes.count - 1
            }
        }
        if nodes[node].entry == nil { nodes[node].entry = entry }
    }

    /// The longest embedding whose name's ids start at `start`, with how many ids it spans.
    func match(in tokens: [Int32], at start: Int) -> (entry: Entry, length: Int)? {
        var node = 0
        var best: (Entry, Int)?
        var position = start
        while position < tokens.count, let child = nodes[node].children[tokens[position]] {
            node = child
            position += 1
            if let entry = nodes[node].entry { best = (entry, position - start) }
        }
        return best
    }
}
