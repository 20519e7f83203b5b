import HummingbirdCore
import Logging
import NIOCore
import NIOHTTPTypesHTTP1

/// Hummingbird's HTTP/1.1 child channel with `RequestGuardHandler` inserted before its
/// conversion to HTTP types (its `additionalChannelHandlers` come after it, too late to see
/// an absolute-form target's authority).
struct GuardedHTTP1Channel: ServerChildChannel {
    typealias Value = HTTP1Channel.Value
    let inner: HTTP1Channel
    let limits: BodyTimeLimits

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        inner.setup(channel: channel, logger: logger).flatMapThrowing { value in
            let operations = channel.pipeline.syncOperations
            let codec = try operations.handler(type: HTTP1ToHTTPServerCodec.self)
            try operations.addHandler(RequestGuardHandler(limits: limits, logger: logger), position: .before(codec))
            return value
        }
    }

    func handle(value: Value, logger: Logger) async {
        await inner.handle(value: value, logger: logger)
    }
}

extension HTTPServerBuilder {
    /// HTTP/1.1 with the platform's guards: idle connections closed after `idleTimeout`, slow
    /// bodies closed by `bodyLimits`, absolute-form targets served for the host they name.
    public static func guardedHTTP1(idleTimeout: Duration, bodyLimits: BodyTimeLimits) -> HTTPServerBuilder {
        .init { responder in
            GuardedHTTP1Channel(
                inner: HTTP1Channel(
                    responder: responder,
                    configuration: .init(idleTimeout: .nanoseconds(Int64(idleTimeout.components.seconds * 1_000_000_000)))
                ),
                limits: bodyLimits
            )
        }
    }
}
