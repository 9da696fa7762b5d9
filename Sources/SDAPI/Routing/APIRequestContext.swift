import Hummingbird
import NIOCore

/// Hummingbird's basic context plus the request's connection, so a long request can notice
/// its client going away (`ClientHangUp`).
public struct APIRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    let channel: any Channel

    public init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        channel = source.channel
    }

    /// Runs `work`, cancelling it when the client hangs up (the cancellation reaches the job
    /// queue, which drops or interrupts the job). Connections without `ClientHangUpHandler`
    /// (in-process tests) just run it.
    func cancellingOnHangUp<Value: Sendable>(_ work: @escaping @Sendable () async throws -> Value) async throws -> Value {
        guard let signal = await ClientHangUpHandler.signal(of: channel) else { return try await work() }
        return try await withThrowingTaskGroup(of: Value?.self) { group in
            group.addTask { try await work() }
            group.addTask {
                await signal.wait()
                return nil
            }
            // The first child to end decides: a result ends the watch; a hang-up cancels the
            // work, whose own ending (partial result or cancellation error) then follows.
            while let next = try await group.next() {
                group.cancelAll()
                if let value = next { return value }
            }
            throw CancellationError()
        }
    }
}
