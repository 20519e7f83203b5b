import NIOCore
import NIOPosix
import Synchronization

/// A minimal SMTP server on 127.0.0.1 that records what it is given: the remote end of the
/// platform's mail relay in tests. Recipients in `refusing` get a 550; `silent` never greets.
public final class SMTPSink: Sendable {
    public struct Transaction: Sendable, Equatable {
        public var sender: String
        public var recipients: [String]
        public var data: String
    }

    public let port: Int
    private let server: NIOAsyncChannel<NIOAsyncChannel<ByteBuffer, ByteBuffer>, Never>
    private let received = Mutex<[Transaction]>([])
    private let refusing: Set<String>
    private let silent: Bool

    public var transactions: [Transaction] { received.withLock { $0 } }

    public static func with<T>(refusing: Set<String> = [], silent: Bool = false, _ body: (SMTPSink) async throws -> T) async throws -> T {
        let server = try await FreePort.bind { port in
            try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .bind(host: "127.0.0.1", port: port) { channel in
                    channel.eventLoop.makeCompletedFuture { try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel) }
                }
        }
        let sink = SMTPSink(server: server, refusing: refusing, silent: silent)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await sink.serve() }
            defer { group.cancelAll() }
            return try await body(sink)
        }
    }

    private init(server: NIOAsyncChannel<NIOAsyncChannel<ByteBuffer, ByteBuffer>, Never>, refusing: Set<String>, silent: Bool) {
        self.server = server
        self.port = server.channel.localAddress?.port ?? 0
        self.refusing = refusing
        self.silent = silent
    }

    private func serve() async throws {
        try await server.executeThenClose { connections in
            try await withThrowingDiscardingTaskGroup { group in
                for try await connection in connections {
                    group.addTask { try? await self.converse(connection) }
                }
            }
        }
    }

    private func converse(_ connection: NIOAsyncChannel<ByteBuffer, ByteBuffer>) async throws {
        try await connection.executeThenClose { inbound, outbound in
            func say(_ line: String) async throws { try await outbound.write(ByteBuffer(string: line + "\r\n")) }
            if silent {
                for try await _ in inbound {}
                return
            }
            try await say("220 sink ESMTP")
            var pending: [UInt8] = []
            var current = Transaction(sender: "", recipients: [], data: "")
            var inData = false
            var dataLines: [String] = []
            for try await var buffer in inbound {
                pending += buffer.readBytes(length: buffer.readableBytes) ?? []
                while let end = pending.firstIndex(of: UInt8(ascii: "\n")) {
                    let line = String(decoding: pending[..<end].filter { $0 != UInt8(ascii: "\r") }, as: UTF8.self)
                    pending.removeSubrange(...end)
                    if inData {
                        if line == "." {
                            inData = false
                            current.data = dataLines.joined(separator: "\r\n")
                            let transaction = current
                            received.withLock { $0.append(transaction) }
                            try await say("250 queued")
                        } else {
                            dataLines.append(line.hasPrefix(".") ? String(line.dropFirst()) : line)
                        }
                        continue
                    }
                    let verb = line.prefix(4).uppercased()
                    switch verb {
                    case "EHLO", "HELO": try await say("250-sink\r\n250 8BITMIME")
                    case "MAIL":
                        current = Transaction(sender: Self.address(in: line), recipients: [], data: "")
                        try await say("250 sender ok")
                    case "RCPT":
                        let recipient = Self.address(in: line)
                        if refusing.contains(recipient) {
                            try await say("550 5.1.1 <\(recipient)>: unknown user")
                        } else {
                            current.recipients.append(recipient)
                            try await say("250 recipient ok")
                        }
                    case "DATA":
                        inData = true
                        dataLines = []
                        try await say("354 go ahead")
                    case "QUIT":
                        try await say("221 bye")
                        return
                    default: try await say("502 command not implemented")
                    }
                }
            }
        }
    }

    static func address(in line: String) -> String {
        guard let open = line.firstIndex(of: "<"), let close = line.lastIndex(of: ">"), open < close else { return "" }
        return String(line[line.index(after: open)..<close])
    }
}
