import Foundation

/// Compiled oneDNN plans keyed by everything that shapes them (op, sizes, types, fused
/// post-ops). Creating a primitive descriptor costs far more than running a small one, and
/// a UNet repeats the same few dozen shapes every step. Thread-safe; bounded, evicting the
/// oldest entry first.
final class PrimitiveCache: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: any Sendable] = [:]
    private var order: [String] = []
    let capacity: Int

    init(capacity: Int = 512) {
        self.capacity = capacity
    }

    /// The cached value for `key`, or `make()`'s result, stored. `make` runs outside the lock
    /// (two threads may both build a plan for a new key; one result is kept).
    func value<Value: Sendable>(for key: String, make: () throws -> Value) throws -> Value {
        if let hit = lock.withLock({ entries[key] }) as? Value { return hit }
        let made = try make()
        lock.withLock {
            if entries[key] == nil {
                order.append(key)
                if order.count > capacity { entries[order.removeFirst()] = nil }
            }
            entries[key] = made
        }
        return made
    }

    var count: Int { lock.withLock { entries.count } }
}
