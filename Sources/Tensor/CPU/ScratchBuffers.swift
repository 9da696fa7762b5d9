import Foundation

/// Reusable large buffers for per-call temporaries (compact weights widened to f32). Taking a
/// fresh allocation for each call would page-fault and zero tens of megabytes every time;
/// reusing keeps that to the first call that needs a bigger buffer. Thread-safe: concurrent
/// callers get different buffers, and at most `capacity` idle buffers are kept.
final class ScratchBuffers: @unchecked Sendable {
    private let lock = NSLock()
    private var idle: [TensorStorage] = []
    let capacity: Int

    init(capacity: Int = 2) {
        self.capacity = capacity
    }

    /// Calls `body` with at least `byteCount` bytes of uninitialized, 64-byte aligned memory
    /// that nobody else uses until `body` returns.
    func withBuffer<R>(byteCount: Int, _ body: (UnsafeMutableRawPointer) throws -> R) rethrows -> R {
        let buffer = take(byteCount) ?? TensorStorage(uninitializedByteCount: byteCount)
        defer { giveBack(buffer) }
        return try body(buffer.baseAddress)
    }

    /// The bytes the idle buffers hold (tests and diagnostics).
    var idleByteCount: Int { lock.withLock { idle.reduce(0) { $0 + $1.byteCount } } }

    /// The smallest idle buffer that is big enough. When none is, the biggest idle one is
    /// dropped so that a growing need replaces buffers instead of piling them up.
    private func take(_ byteCount: Int) -> TensorStorage? {
        lock.withLock {
            let bySize = idle.indices.sorted { idle[$0].byteCount < idle[$1].byteCount }
            if let best = bySize.first(where: { idle[$0].byteCount >= byteCount }) { return idle.remove(at: best) }
            if let biggest = bySize.last { idle.remove(at: biggest) }
            return nil
        }
    }

    /// Keeps `buffer` for reuse unless `capacity` buffers are already idle.
    private func giveBack(_ buffer: TensorStorage) {
        lock.withLock {
            if idle.count < capacity { idle.append(buffer) }
        }
    }
}
