#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import Foundation

/// The smallest HTTP/1.1 client `bench txt2img` needs: one request per connection to
/// 127.0.0.1, `Connection: close`, the whole answer read before returning. A real client's
/// path (socket, request bytes, the server's JSON and base64) without a client library.
enum LoopbackHTTP {
    struct Answer {
        var status: Int
        var headers: [String: String]  // lower-cased names
        var body: Data
    }

    static func send(port: Int, method: String, path: String, json: Data? = nil) throws -> Answer {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw ValidationError("cannot open a socket: \(String(cString: strerror(errno)))") }
        defer { close(socket) }
        var address = loopback(port: port)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw ValidationError("cannot connect to 127.0.0.1:\(port): \(String(cString: strerror(errno)))") }
        var request = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        if let json { request += "Content-Type: application/json\r\nContent-Length: \(json.count)\r\n" }
        try write(Data((request + "\r\n").utf8) + (json ?? Data()), to: socket)
        return try parse(readAll(socket))
    }

    /// A free TCP port on 127.0.0.1 (bound and released; fine for a benchmark).
    static func freePort() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = loopback(port: 0)  // 0: the kernel picks a free port
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0
            }
        }
        guard bound else { throw ValidationError("no free port: \(String(cString: strerror(errno)))") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// 127.0.0.1:`port` as a socket address.
    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }

    private static func write(_ data: Data, to socket: Int32) throws {
        try data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let sent = Glibc.send(socket, bytes.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
                guard sent > 0 else { throw ValidationError("sending the request failed: \(String(cString: strerror(errno)))") }
                offset += sent
            }
        }
    }

    private static func readAll(_ socket: Int32) throws -> Data {
        var data = Data(), buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = recv(socket, &buffer, buffer.count, 0)
            guard count >= 0 else { throw ValidationError("reading the answer failed: \(String(cString: strerror(errno)))") }
            if count == 0 { return data }
            data.append(contentsOf: buffer[0..<count])
        }
    }

    private static func parse(_ data: Data) throws -> Answer {
        guard let end = data.range(of: Data("\r\n\r\n".utf8)) else { throw ValidationError("the server's answer has no header end") }
        let lines = String(decoding: data[..<end.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = lines.first?.split(separator: " ") ?? []
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { throw ValidationError("bad status line '\(lines.first ?? "")'") }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var body = Data(data[end.upperBound...])
        if headers["transfer-encoding"]?.lowercased() == "chunked" { body = try dechunked(body) }
        return Answer(status: status, headers: headers, body: body)
    }

    private static func dechunked(_ data: Data) throws -> Data {
        var result = Data(), index = data.startIndex
        while let lineEnd = data[index...].range(of: Data("\r\n".utf8)) {
            let sizeText = String(decoding: data[index..<lineEnd.lowerBound], as: UTF8.self).split(separator: ";").first ?? ""
            guard let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16) else {
                throw ValidationError("bad chunk size '\(sizeText)'")
            }
            if size == 0 { return result }
            let start = lineEnd.upperBound
            guard data.endIndex - start >= size + 2 else { throw ValidationError("truncated chunk") }
            result.append(data[start..<start + size])
            index = start + size + 2
        }
        throw ValidationError("the chunked body has no final chunk")
    }
}
