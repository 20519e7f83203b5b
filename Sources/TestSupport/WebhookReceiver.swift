import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A partner's webhook endpoint on 127.0.0.1, as tests need one: it records every request and
/// answers by path: `/ok` 200, `/fail` 500, `/redirect` 302 to `/ok` (which a sender must not
/// follow), anything else 404.
public final class WebhookReceiver: Sendable {
    public struct Request: Sendable {
        public var path: String
        /// Header names in lowercase.
        public var headers: [String: String]
        public var body: [UInt8]
    }

    public let port: Int
    private let server: NIOAsyncChannel<NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>, Never>
    private let received = Mutex<[Request]>([])

    public var requests: [Request] { received.withLock { $0 } }
    public func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    public static func with<T>(_ body: (WebhookReceiver) async throws -> T) async throws -> T {
        let server = try await FreePort.bind { port in
            try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .bind(host: "127.0.0.1", port: port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                        return try NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>(wrappingChannelSynchronously: channel)
                    }
                }
        }
        let receiver = WebhookReceiver(server: server)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await receiver.serve() }
            defer { group.cancelAll() }
            return try await body(receiver)
        }
    }

    private init(server: NIOAsyncChannel<NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>, Never>) {
        self.server = server
        port = server.channel.localAddress?.port ?? 0
    }

    /// Waits (bounded) until `count` requests have arrived; returns whether they did.
    public func waitFor(_ count: Int, within limit: Duration = .seconds(30)) async throws -> Bool {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if requests.count >= count { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return requests.count >= count
    }

    private func serve() async throws {
        try await server.executeThenClose { connections in
            try await withThrowingDiscardingTaskGroup { group in
                for try await connection in connections {
                    group.addTask { try? await self.answer(connection) }
                }
            }
        }
    }

    private func answer(_ connection: NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>) async throws {
        try await connection.executeThenClose { inbound, outbound in
            var current: Request?
            for try await part in inbound {
                switch part {
                case .head(let head):
                    current = Request(
                        path: head.uri,
                        headers: Dictionary(head.headers.map { ($0.name.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first }),
                        body: []
                    )
                case .body(var buffer):
                    current?.body += buffer.readBytes(length: buffer.readableBytes) ?? []
                case .end:
                    guard let request = current else { continue }
                    received.withLock { $0.append(request) }
                    let (status, text, extra): (HTTPResponseStatus, String, [(String, String)]) = switch request.path {
                    case "/ok": (.ok, "merci", [])
                    case "/fail": (.internalServerError, "en panne", [])
                    case "/redirect": (.found, "ailleurs", [("Location", "/ok")])
                    default: (.notFound, "inconnu", [])
                    }
                    var headers = HTTPHeaders([("Content-Type", "text/plain"), ("Content-Length", String(text.utf8.count))])
                    headers.add(contentsOf: extra)
                    try await outbound.write(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers)))
                    try await outbound.write(.body(.byteBuffer(ByteBuffer(string: text))))
                    try await outbound.write(.end(nil))
                    current = nil
                }
            }
        }
    }
}
