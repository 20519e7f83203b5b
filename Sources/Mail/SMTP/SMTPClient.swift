import Foundation
import NIOCore
import NIOPosix

/// Submits messages to an SMTP relay: one connection per message (mail is rare here), the
/// whole exchange bounded by the configuration's timeout.
public struct SMTPClient: Sendable {
    public let configuration: SMTPConfiguration

    public init(configuration: SMTPConfiguration) {
        self.configuration = configuration
    }

    /// Sends one message; `fromName` replaces the configured display name (a member's name).
    public func send(_ message: MailMessage, messageID: String = UUID().uuidString.lowercased(), date: Date = Date(), fromName: String? = nil) async throws {
        guard MailHeaders.isPlainAddress(message.to) else { throw SMTPError(.recipient, "not a plain e-mail address", code: 501) }
        var sender = configuration
        if let fromName { sender.fromName = fromName }
        let data = MailHeaders.render(message, from: sender, date: date, messageID: messageID)
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await exchange(recipient: message.to, data: data) }
                group.addTask {
                    try await Task.sleep(for: configuration.timeout)
                    throw SMTPError(.timeout, "no answer within \(configuration.timeout)")
                }
                defer { group.cancelAll() }
                try await group.next()
            }
        } catch let error as SMTPError {
            throw error
        } catch is CancellationError {
            throw SMTPError(.timeout, "cancelled")
        } catch {
            throw SMTPError(.connect, "\(error)")
        }
    }

    private func exchange(recipient: String, data: String) async throws {
        let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>
        do {
            channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(.seconds(10))
                .connect(host: configuration.host, port: configuration.port) { channel in
                    channel.eventLoop.makeCompletedFuture { try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel) }
                }
        } catch {
            throw SMTPError(.connect, "\(configuration.host):\(configuration.port): \(error)")
        }
        try await channel.executeThenClose { inbound, outbound in
            var replies = SMTPReplyReader(inbound.makeAsyncIterator())
            func command(_ line: String?, expect: Set<Int>, _ stage: SMTPError.Stage) async throws {
                if let line { try await outbound.write(ByteBuffer(string: line + "\r\n")) }
                let reply = try await replies.next(stage)
                guard expect.contains(reply.code) else { throw SMTPError(stage, reply.text, code: reply.code) }
            }
            try await command(nil, expect: [220], .greeting)
            try await command("EHLO \(configuration.hello)", expect: [250], .hello)
            try await command("MAIL FROM:<\(configuration.fromAddress)>", expect: [250], .sender)
            // 251: "user not local; will forward" is an acceptance too.
            try await command("RCPT TO:<\(recipient)>", expect: [250, 251], .recipient)
            try await command("DATA", expect: [354], .data)
            try await command(data + ".", expect: [250], .message)
            try? await outbound.write(ByteBuffer(string: "QUIT\r\n"))
        }
    }
}

/// Reads SMTP replies (`250-…` continuation lines, then `250 …`) from a byte stream.
struct SMTPReplyReader {
    struct Reply {
        var code: Int
        var text: String
    }

    private var iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    private var pending: [UInt8] = []
    /// A reply longer than this is not SMTP.
    static let limit = 64 * 1024

    init(_ iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator) {
        self.iterator = iterator
    }

    mutating func next(_ stage: SMTPError.Stage) async throws -> Reply {
        var text: [String] = []
        while true {
            let line = try await nextLine(stage)
            let bytes = Array(line.utf8)
            guard bytes.count >= 3, let code = Int(String(decoding: bytes[0..<3], as: UTF8.self)),
                  bytes.count == 3 || bytes[3] == UInt8(ascii: " ") || bytes[3] == UInt8(ascii: "-")
            else { throw SMTPError(.protocolError, "not an SMTP reply: \(line.prefix(80))") }
            text.append(bytes.count > 4 ? String(decoding: bytes[4...], as: UTF8.self) : "")
            if bytes.count == 3 || bytes[3] == UInt8(ascii: " ") { return Reply(code: code, text: text.joined(separator: " ")) }
        }
    }

    private mutating func nextLine(_ stage: SMTPError.Stage) async throws -> String {
        while true {
            if let end = pending.firstIndex(of: UInt8(ascii: "\n")) {
                var line = pending[..<end]
                if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
                defer { pending.removeSubrange(...end) }
                return String(decoding: line, as: UTF8.self)
            }
            guard pending.count < Self.limit else { throw SMTPError(.protocolError, "reply too long") }
            guard var buffer = try await iterator.next() else { throw SMTPError(stage, "the server closed the connection") }
            pending += buffer.readBytes(length: buffer.readableBytes) ?? []
        }
    }
}
