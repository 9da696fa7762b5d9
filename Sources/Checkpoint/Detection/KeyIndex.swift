/// Counting numbered children (`…blocks.N.…`) in a key set.
struct KeyIndex {
    let keys: [String]

    init<S: Sequence>(_ keys: S) where S.Element == String {
        self.keys = Array(keys)
    }

    /// One more than the largest N among keys starting with `prefix` + "N.", 0 if none.
    func count(_ prefix: String) -> Int {
        var result = 0
        for key in keys where key.hasPrefix(prefix) {
            let rest = key.dropFirst(prefix.count)
            guard let dot = rest.firstIndex(of: "."), let index = Int(rest[..<dot]) else { continue }
            result = max(result, index + 1)
        }
        return result
    }
}
