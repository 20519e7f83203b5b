import HTTPTypes
import Hummingbird

/// Sets the request's client address: the peer's, or, behind a trusted proxy, the one its
/// forwarding headers name (`TrustedProxies`). The sign-in throttle, the rate limits, the
/// journal and "my sessions" all read it from the context.
public struct ClientAddressMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext
    let proxies: TrustedProxies

    public init(proxies: TrustedProxies) {
        self.proxies = proxies
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard !proxies.blocks.isEmpty else { return try await next(request, context) }
        var context = context
        context.clientIP = proxies.clientAddress(
            peer: context.clientIP, forwarded: request.headers[values: Self.forwarded], forwardedFor: request.headers[values: Self.forwardedFor]
        )
        return try await next(request, context)
    }

    static let forwarded = HTTPField.Name("Forwarded")!
    static let forwardedFor = HTTPField.Name("X-Forwarded-For")!
}
