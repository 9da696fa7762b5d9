import Dispatch
import Foundation

/// The parallel loop for CPUBackend's own kernels: at most one chunk per core, so it never
/// oversubscribes the cores. oneDNN's OpenMP pool is sized to the same core count, and the
/// two never run at once (each op finishes before the next starts).
enum ParallelFor {
    static let cores = max(ProcessInfo.processInfo.activeProcessorCount, 1)

    /// Calls `body(begin, end)` on disjoint ranges covering `0..<count`. Runs inline when the
    /// work (count × costPerItem, roughly in element operations) is too small to split.
    static func ranges(_ count: Int, costPerItem: Int = 1, _ body: (Int, Int) -> Void) {
        guard count > 0 else { return }
        let minimumWork = 32_768
        let chunks = min(cores, count, max(1, count * max(costPerItem, 1) / minimumWork))
        if chunks == 1 {
            body(0, count)
            return
        }
        // The chunks write disjoint ranges and `body` returns before this function does, so
        // handing the non-Sendable closure to the worker threads is sound.
        withoutActuallyEscaping(body) { body in
            let shared = UncheckedSendable(value: body)
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                shared.value(count * chunk / chunks, count * (chunk + 1) / chunks)
            }
        }
    }
}

/// Carries a value into a `@Sendable` closure where the caller guarantees data-race freedom.
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
}
