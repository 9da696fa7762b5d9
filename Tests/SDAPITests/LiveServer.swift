import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import SDAPI

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension TestServer {
    /// Like `run`, with `logger`, and over a real socket when `live` (the body also gets the port).
    func run<Value: Sendable>(
        logger: Logger, live: Bool = false, _ body: @Sendable (APIServices, TestClient, Int) async throws -> Value
    ) async throws -> Value {
        let services = try await APIServices(configuration: configuration, logger: logger)
        await services.catalog.waitUntilHashed()
        let app = buildApplication(services: services, logger: logger)
        return try await app.test(live ? .live : .router) { client in
            try await body(services, TestClient(client: client), client.port ?? 0)
        }
    }
}

/// A bare TCP connection to a live server: sends one request and can hang up without reading
/// the answer, as a client that gives up does.
struct RawConnection {
    private let socketFD: Int32

    init(port: Int) throws {
        #if canImport(Glibc)
        socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        socketFD = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard socketFD >= 0, connected == 0 else { throw POSIXError(.ECONNREFUSED) }
    }

    /// Sends `POST path` with a JSON body.
    func post(_ path: String, json: String) throws {
        let body = Array(json.utf8)
        let head = "POST \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            + "Content-Length: \(body.count)\r\n\r\n"
        let bytes = Array(head.utf8) + body
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { send(socketFD, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { throw POSIXError(.EPIPE) }
            sent += count
        }
    }

    func hangUp() { close(socketFD) }
}

/// Polls `condition` every 5 ms until it holds; false after `seconds`.
func eventually(within seconds: Double = 30, _ condition: @Sendable () async throws -> Bool) async throws -> Bool {
    let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try await Task.sleep(for: .milliseconds(5))
    }
    return try await condition()
}
