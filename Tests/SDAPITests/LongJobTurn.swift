/// Tests that keep a long job sampling while they skip, interrupt or hang up take turns. Two
/// such jobs at once keep both cooperative threads of a 2-core machine busy, and the requests
/// meant to stop them then wait behind the sampling for minutes.
actor LongJobTurn {
    static let shared = LongJobTurn()

    private var busy = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func run<Value: Sendable>(_ body: @Sendable () async throws -> Value) async throws -> Value {
        if busy {
            await withCheckedContinuation { waiters.append($0) }
        }
        busy = true
        defer {
            if waiters.isEmpty { busy = false } else { waiters.removeFirst().resume() }
        }
        return try await body()
    }
}
