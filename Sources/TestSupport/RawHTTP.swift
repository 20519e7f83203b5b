import Foundation

/// A minimal HTTP/1.1 client over a plain socket, so tests control every byte of the request
/// (a hostile `Host` header, say) and talk to a real listening server.
public enum RawHTTP {
    public struct Response: Sendable {
        public var status: Int
        public var headers: [String: String]
        public var body: String
    }

    /// Sends `GET path` with the given `Host` value (sent verbatim) and reads the whole answer.
    public static func get(port: Int, host: String, path: String, extraHeaders: [String] = []) throws -> Response {
        let request = (["GET \(path) HTTP/1.1", "Host: \(host)", "Connection: close"] + extraHeaders).joined(separator: "\r\n") + "\r\n\r\n"
        return try exchange(port: port, request: Array(request.utf8))
    }

    /// A TCP connection to 127.0.0.1:`port` (the caller closes it).
    static func connectLocal(port: Int) throws -> Int32 {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketFD >= 0 else { throw POSIXError(.EMFILE) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(socketFD)
            throw POSIXError(.ECONNREFUSED)
        }
        return socketFD
    }

    public static func exchange(port: Int, request: [UInt8]) throws -> Response {
        let socketFD = try connectLocal(port: port)
        defer { close(socketFD) }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(socketFD, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        _ = request.withUnsafeBytes { send(socketFD, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while true {
            let count = recv(socketFD, &buffer, buffer.count, 0)
            if count <= 0 { break }
            received.append(contentsOf: buffer[0..<count])
        }
        let text = String(decoding: received, as: UTF8.self)
        guard let split = text.range(of: "\r\n\r\n") else { return Response(status: 0, headers: [:], body: text) }
        let lines = text[..<split.lowerBound].components(separatedBy: "\r\n")
        let status = lines.first.flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") } ?? 0
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var body = String(text[split.upperBound...])
        if headers["transfer-encoding"] == "chunked" { body = dechunk(body) }
        return Response(status: status, headers: headers, body: body)
    }

    static func dechunk(_ text: String) -> String {
        var rest = Substring(text)
        var output = ""
        while let lineEnd = rest.range(of: "\r\n"), let size = Int(rest[..<lineEnd.lowerBound], radix: 16), size > 0 {
            let start = lineEnd.upperBound
            let bytes = Array(rest[start...].utf8)
            output += String(decoding: bytes.prefix(size), as: UTF8.self)
            rest = Substring(String(decoding: bytes.dropFirst(size + 2), as: UTF8.self))
        }
        return output
    }
}

extension RawHTTP {
    /// Sends `head` at once, then `body` one byte every `interval`, and returns how long the
    /// server took to close the connection (nil: still open after `limit`). Whatever the server
    /// answers meanwhile is read and ignored.
    public static func secondsUntilClosed(port: Int, head: String, body: [UInt8], interval: Duration, limit: Duration) throws -> Double? {
        let socketFD = try connectLocal(port: port)
        defer { close(socketFD) }
        let start = ContinuousClock.now
        _ = Array(head.utf8).withUnsafeBytes { send(socketFD, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        var next = 0
        var buffer = [UInt8](repeating: 0, count: 4096)
        while ContinuousClock.now - start < limit {
            // Wait up to `interval` for the server to say something (or close).
            var descriptor = pollfd(fd: socketFD, events: Int16(POLLIN), revents: 0)
            let milliseconds = Int32(interval.components.seconds * 1000 + interval.components.attoseconds / 1_000_000_000_000_000)
            if poll(&descriptor, 1, milliseconds) > 0 {
                let count = recv(socketFD, &buffer, buffer.count, 0)
                if count <= 0 { return Double((ContinuousClock.now - start).components.seconds) + Double((ContinuousClock.now - start).components.attoseconds) / 1e18 }
                continue
            }
            if next < body.count {
                let sent = [body[next]].withUnsafeBytes { send(socketFD, $0.baseAddress, 1, Int32(MSG_NOSIGNAL)) }
                if sent < 0 { return Double((ContinuousClock.now - start).components.seconds) }
                next += 1
            }
        }
        return nil
    }
}

extension RawHTTP {
    /// Runs a blocking exchange on a thread of its own: a blocked test must not hold one of the
    /// few threads of Swift's cooperative pool, on which the server under test answers.
    public static func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread { continuation.resume(with: Result { try body() }) }
            thread.start()
        }
    }

    public static func get(port: Int, host: String, path: String, extraHeaders: [String] = []) async throws -> Response {
        try await onThread { try get(port: port, host: host, path: path, extraHeaders: extraHeaders) as Response }
    }

    public static func exchange(port: Int, request: [UInt8]) async throws -> Response {
        try await onThread { try exchange(port: port, request: request) as Response }
    }

    public static func secondsUntilClosed(port: Int, head: String, body: [UInt8], interval: Duration, limit: Duration) async throws -> Double? {
        try await onThread { try secondsUntilClosed(port: port, head: head, body: body, interval: interval, limit: limit) as Double? }
    }
}
