import NIOConcurrencyHelpers
import NIOCore

/// Notices a client that goes away while its request runs: the connection's input closes (the
/// client closed its socket; the server allows half-closure, so this arrives as `inputClosed`)
/// or the connection drops. One per connection, after HTTP decoding; it passes everything on.
/// A client that half-closes on purpose after sending its request is taken as gone too.
final class ClientHangUpHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny

    let signal = HangUpSignal()

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case .inputClosed? = event as? ChannelEvent { signal.fire() }
        context.fireUserInboundEventTriggered(event)
    }

    func channelInactive(context: ChannelHandlerContext) {
        signal.fire()
        context.fireChannelInactive()
    }

    /// The signal of `channel`'s connection; nil when the pipeline has no such handler.
    static func signal(of channel: any Channel) async -> HangUpSignal? {
        try? await channel.eventLoop.submit {
            try channel.pipeline.syncOperations.handler(type: ClientHangUpHandler.self).signal
        }.get()
    }
}

/// Fires once, when the client of a connection is gone; any number of tasks may wait for it.
final class HangUpSignal: Sendable {
    private struct State {
        var fired = false
        var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
        var nextWaiter = 0
    }

    private let state = NIOLockedValueBox(State())

    func fire() {
        let waiters = state.withLockedValue { state in
            state.fired = true
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Returns when the client has gone, or when the calling task is cancelled.
    func wait() async {
        let id = state.withLockedValue { state in
            state.nextWaiter += 1
            return state.nextWaiter
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLockedValue { state in
                    // Checked under the lock, so a cancellation either sees the waiter or is seen here.
                    guard !state.fired, !Task.isCancelled else { return true }
                    state.waiters[id] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            state.withLockedValue { $0.waiters.removeValue(forKey: id) }?.resume()
        }
    }
}
