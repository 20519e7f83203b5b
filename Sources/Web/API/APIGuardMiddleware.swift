import HTTPTypes
import Hummingbird
import Identity
import Redis
import Tenancy

/// What every `/api/` request goes through once its caller is known: the rate limits (one
/// Redis round trip, their state in the answer's headers) and, for a `POST` carrying an
/// `Idempotency-Key`, the replay store. Runs after authentication.
public struct APIGuardMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext
    let limits: APIRateLimits
    let limiter: RateLimiter
    let idempotency: IdempotencyStore

    public init(limits: APIRateLimits, redis: RedisClient) {
        self.limits = limits
        limiter = RateLimiter(redis: redis)
        idempotency = IdempotencyStore(redis: redis)
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard Self.isAPI(request.uri.path) else { return try await next(request, context) }
        let member: String
        switch context.resolution {
        case .tenant(let tenant)?: member = tenant.slug.rawValue
        case .console?: member = "console"
        default: return try await next(request, context)
        }
        let headers = try await limits.check(member: member, principal: context.principal, address: context.clientIP, limiter: limiter)
        var response: Response
        if request.method == .post {
            let caller = context.principal.map { "\($0.kind.rawValue):\($0.id)" } ?? "anonymous:\(context.clientIP ?? "unknown")"
            response = try await idempotency.run(request, member: member, caller: caller) { request in try await next(request, context) }
        } else {
            response = try await next(request, context)
        }
        for field in headers { response.headers[field.name] = field.value }
        return response
    }

    /// `/api/…`, however many slashes lead (the router reaches the same route for `//api/…`).
    static func isAPI(_ path: String) -> Bool {
        path.drop(while: { $0 == "/" }).hasPrefix("api/")
    }
}
