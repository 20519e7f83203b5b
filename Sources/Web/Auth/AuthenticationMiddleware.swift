import HTTPTypes
import Hummingbird
import Identity
import Logging
import Tenancy
import TenantStore
import Foundation

/// Finds who is calling: a session cookie (a person) or an `Authorization: Bearer` token (a
/// partner system), bound to the host's member (or the console). A cookie or token of another
/// member, expired or revoked, is simply not a principal; routes decide what anonymity means.
/// Runs after host resolution.
public struct AuthenticationMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext
    let authenticator: Authenticator
    let cookie: SessionCookie
    /// The unread notifications of a member's account (asked for pages only).
    let unread: (@Sendable (MemberStore, UUID) async -> Int?)?

    public init(authenticator: Authenticator, cookie: SessionCookie, unread: (@Sendable (MemberStore, UUID) async -> Int?)? = nil) {
        self.authenticator = authenticator
        self.cookie = cookie
        self.unread = unread
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let tenant: TenantSlug?
        switch context.resolution {
        case .tenant(let resolved): tenant = resolved.slug
        case .console: tenant = nil
        default: return try await next(request, context)
        }
        // Other schemes (Basic, at the token endpoint) are the route's business.
        if let authorization = request.headers[.authorization], authorization.hasPrefix("Bearer ") {
            guard let tenant else {
                throw WebError.unauthorized("Le jeton d'accès n'est pas valable.", bearer: true)
            }
            guard let principal = try await authenticator.principal(bearer: String(authorization.dropFirst(7)), tenant: tenant) else {
                throw WebError.unauthorized("Le jeton d'accès n'est pas valable ou a expiré.", bearer: true)
            }
            context.principal = principal
        } else if let id = cookie.read(request), let (principal, record) = try await authenticator.principal(session: id, tenant: tenant) {
            let session = SessionAccess(id: id, record: record)
            context.principal = principal
            context.session = session
            context.logger[metadataKey: "principal"] = .string("\(principal.kind.rawValue):\(principal.id)")
            // The header of a page shows the unread count (one pipelined read; not for the API).
            if let unread, request.method == .get, !request.uri.path.hasPrefix("/api/"), !request.uri.path.hasPrefix("/assets/"),
               principal.kind == .citizen || principal.kind == .agent, let store = context.memberStore, let account = UUID(uuidString: principal.id) {
                context.unreadNotifications = await unread(store, account)
            }
            do {
                return try await next(request, context)
            } catch {
                throw SignedInError(underlying: error, viewer: PageViewer(principal: principal, session: session))
            }
        }
        return try await next(request, context)
    }
}
