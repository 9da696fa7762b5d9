import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A port of `torchsde.BrownianTree` (a `BrownianInterval` with `halfway_tree=True`,
/// `tol=1e-6`, `pool_size=24`, no Lévy area) on the CPU in float32: the increment over
/// [t0, t1] is drawn first, every node's increment is split between its halves by a Brownian
/// bridge whose noise comes from a torch CPU generator seeded through NumPy's SeedSequence
/// with the node's (spawn key, depth). Node times are rounded to 6 decimals like Python's
/// `round(x, 6)`, so a query's result depends only on the entropy and the query.
struct BrownianTree {
    struct Node: Hashable {
        let spawnKey: UInt64
        let depth: Int
        let start: Double
        let end: Double
    }

    let entropy: UInt64
    let count: Int
    let kernel: TorchCPUKernel
    let root: Node
    private let rootIncrement: [Float]
    private var cache: [Node: [Float]] = [:]

    static let poolSize = 24
    static let maximumDepth = 80

    init(t0: Double, t1: Double, count: Int, entropy: UInt64, kernel: TorchCPUKernel = .x86AVX2) {
        self.entropy = entropy
        self.count = count
        self.kernel = kernel
        root = Node(spawnKey: 0, depth: 0, start: Self.round6(t0), end: Self.round6(t1))
        let seeds = SeedSequence(entropy: entropy, poolSize: Self.poolSize).generateState(3)
        let scale = Float((t1 - t0).squareRoot())
        rootIncrement = Self.randn(seed: seeds[0], count: count, kernel: kernel).map { $0 * scale }
    }

    /// W(tb) − W(ta) for t0 ≤ ta ≤ tb ≤ t1 (clamped into the tree's range like torchsde).
    mutating func increment(from ta: Double, to tb: Double) throws -> [Float] {
        let a = Self.round6(min(max(ta, root.start), root.end)), b = Self.round6(min(max(tb, root.start), root.end))
        guard a < b else { return [Float](repeating: 0, count: count) }
        var intervals: [Node] = []
        try decompose(root, a, b, into: &intervals)
        var total = try increment(of: intervals[0])
        for node in intervals.dropFirst() {
            let part = try increment(of: node)
            for i in total.indices { total[i] += part[i] }
        }
        if cache.count > 64 { cache.removeAll(keepingCapacity: true) }  // bounds memory for large latents
        return total
    }

    /// The tree nodes exactly covering [a, b], left to right (halfway splits only).
    private func decompose(_ node: Node, _ a: Double, _ b: Double, into out: inout [Node]) throws {
        if a == node.start && b == node.end {
            out.append(node)
            return
        }
        guard node.depth < Self.maximumDepth else { throw SamplingError.brownianTreeTooDeep(a, b) }
        let (left, right) = children(of: node)
        if b <= left.end {
            try decompose(left, a, b, into: &out)
        } else if a >= right.start {
            try decompose(right, a, b, into: &out)
        } else {
            try decompose(left, a, left.end, into: &out)
            try decompose(right, right.start, b, into: &out)
        }
    }

    private func children(of node: Node) -> (Node, Node) {
        let midway = Self.round6(0.5 * (node.end + node.start))
        return (
            Node(spawnKey: 2 * node.spawnKey, depth: node.depth + 1, start: node.start, end: midway),
            Node(spawnKey: 2 * node.spawnKey + 1, depth: node.depth + 1, start: midway, end: node.end)
        )
    }

    /// A node's increment from its parent's by the Brownian bridge (float32, as torch computes it).
    private mutating func increment(of node: Node) throws -> [Float] {
        if node.depth == 0 { return rootIncrement }
        if let cached = cache[node] { return cached }
        let parent = try parent(of: node)
        let parentIncrement = try increment(of: parent)
        let (left, right) = children(of: parent)
        let seed = SeedSequence(entropy: entropy, spawnKey: [parent.spawnKey, UInt64(parent.depth)], poolSize: Self.poolSize)
            .generateState(4)[0]
        let noise = Self.randn(seed: seed, count: count, kernel: kernel)
        let hReciprocal = 1 / (parent.end - parent.start)
        let leftDiff = left.end - parent.start, rightDiff = parent.end - right.start
        let meanScale = Float(leftDiff), reciprocal = Float(hReciprocal)
        let deviation = Float((leftDiff * rightDiff * hReciprocal).squareRoot())
        let isLeft = node.spawnKey % 2 == 0
        let result = (0..<count).map { i -> Float in
            let leftIncrement = parentIncrement[i] * meanScale * reciprocal + noise[i] * deviation
            return isLeft ? leftIncrement : parentIncrement[i] - leftIncrement
        }
        cache[node] = result
        return result
    }

    /// Walks down from the root to the node's parent (nodes are identified by their path).
    private func parent(of node: Node) throws -> Node {
        var current = root
        for level in stride(from: node.depth - 1, to: 0, by: -1) {
            let (left, right) = children(of: current)
            current = (node.spawnKey >> UInt64(level)) & 1 == 0 ? left : right
        }
        return current
    }

    private static func randn(seed: UInt32, count: Int, kernel: TorchCPUKernel) -> [Float] {
        var generator = TorchGenerator(seed: UInt64(seed), kernel: kernel)
        return generator.normal(count: count)
    }

    /// Python's `round(x, 6)`: the correctly rounded 6-decimal value, read back as a double.
    static func round6(_ x: Double) -> Double {
        var buffer = [CChar](repeating: 0, count: 64)
        let length = withVaList([x]) { vsnprintf(&buffer, buffer.count, "%.6f", $0) }
        guard length > 0, length < buffer.count else { return x }
        return Double(String(decoding: buffer.prefix(Int(length)).map { UInt8(bitPattern: $0) }, as: UTF8.self)) ?? x
    }
}
