import Logging
import NIOCore
import NIOHTTP1

/// How long a request body may take: a body still arriving `grace` after its head must have
/// come at `minimumRate` bytes per second on average, beyond the grace, or the connection is
/// closed. A client trickling a body a byte a second is closed after the grace; a large upload
/// on a slow but honest link (above the minimum rate) is not.
public struct BodyTimeLimits: Sendable, Equatable {
    public var grace: Duration
    public var minimumRate: Int

    public init(grace: Duration = .seconds(30), minimumRate: Int = 16 * 1024) {
        self.grace = grace
        self.minimumRate = minimumRate
    }

    /// Whether a body that started `elapsed` ago and brought `received` bytes so far is too slow.
    public func isTooSlow(elapsed: Duration, received: Int) -> Bool {
        guard elapsed > grace else { return false }
        let allowed = grace + .milliseconds(Int64(Double(received) / Double(max(1, minimumRate)) * 1000))
        return elapsed > allowed
    }
}

/// Sits between NIO's HTTP/1 decoder and the conversion to HTTP types (which would lose the
/// request target's authority):
/// - an absolute-form target (`GET http://boves.example/api/…`) is served for the host it
///   names, as RFC 9112 §3.2.2 requires: its authority replaces the `Host` field;
/// - a body that arrives too slowly (`BodyTimeLimits`) closes the connection, whether or not a
///   handler reads it (a route that ignores a body still has it drained).
final class RequestGuardHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart

    private let limits: BodyTimeLimits
    private let logger: Logger
    private var bodyStart: NIODeadline?
    private var received = 0
    private var check: Scheduled<Void>?

    init(limits: BodyTimeLimits, logger: Logger) {
        self.limits = limits
        self.logger = logger
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let part = unwrapInboundIn(data)
        switch part {
        case .head(var head):
            Self.applyAbsoluteForm(&head)
            if Self.hasBody(head) { startWatching(context) }
            context.fireChannelRead(wrapInboundOut(.head(head)))
        case .body(let buffer):
            received += buffer.readableBytes
            context.fireChannelRead(data)
        case .end:
            stopWatching()
            context.fireChannelRead(data)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        stopWatching()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        stopWatching()
    }

    /// `http://host[:port]/path?query` → `Host: host[:port]`, `/path?query`.
    static func applyAbsoluteForm(_ head: inout HTTPRequestHead) {
        let uri = head.uri
        let lowered = uri.prefix(8).lowercased()
        let schemeLength = lowered.hasPrefix("http://") ? 7 : lowered.hasPrefix("https://") ? 8 : 0
        guard schemeLength > 0 else { return }
        let rest = uri.dropFirst(schemeLength)
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        var target = String(rest[authorityEnd...])
        if !target.hasPrefix("/") { target = "/" + target }
        head.uri = target
        // An empty authority (or one with user information) is left for host validation to refuse.
        head.headers.replaceOrAdd(name: "Host", value: String(authority))
    }

    static func hasBody(_ head: HTTPRequestHead) -> Bool {
        if head.headers.contains(name: "Transfer-Encoding") { return true }
        return head.headers["Content-Length"].contains { $0 != "0" }
    }

    private func startWatching(_ context: ChannelHandlerContext) {
        stopWatching()
        bodyStart = .now()
        received = 0
        schedule(context, in: .nanoseconds(Int64(limits.grace.components.seconds * 1_000_000_000 + limits.grace.components.attoseconds / 1_000_000_000)))
    }

    private func schedule(_ context: ChannelHandlerContext, in delay: TimeAmount) {
        check = context.eventLoop.assumeIsolated().scheduleTask(in: delay) { [self] in
            guard let start = bodyStart else { return }
            let elapsed = NIODeadline.now() - start
            if limits.isTooSlow(elapsed: .nanoseconds(elapsed.nanoseconds), received: received) {
                logger.info("closing a connection whose request body arrives too slowly", metadata: [
                    "received_bytes": "\(received)", "elapsed_seconds": "\(elapsed.nanoseconds / 1_000_000_000)",
                ])
                bodyStart = nil
                context.close(promise: nil)
            } else {
                schedule(context, in: .seconds(1))
            }
        }
    }

    private func stopWatching() {
        bodyStart = nil
        check?.cancel()
        check = nil
    }
}
