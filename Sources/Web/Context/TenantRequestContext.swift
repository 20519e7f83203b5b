import Hummingbird
import Identity
import Logging
import Tenancy
import TenantStore

/// The context of a route that serves one member: the member is known and active, so
/// handlers receive it as a value rather than looking it up (there is no global tenant), with
/// its tables already bound (`store`), so a handler cannot reach another member's.
public struct TenantRequestContext: ChildRequestContext, SecuredRequestContext {
    public typealias ParentContext = AppRequestContext

    public var coreContext: CoreRequestContextStorage
    public let tenant: Tenant
    /// The member's tables.
    public let store: MemberStore
    public let requestID: String
    public let clientIP: String?
    public let principal: Principal?
    public let session: SessionAccess?
    public let unreadNotifications: Int?

    public init(context: AppRequestContext) throws {
        guard case .tenant(let tenant) = context.resolution, let store = context.memberStore else {
            // The console host: its pages live under /console/.
            throw WebError.redirect(to: "/console/")
        }
        coreContext = context.coreContext
        self.tenant = tenant
        self.store = store
        requestID = context.requestID
        clientIP = context.clientIP
        principal = context.principal
        session = context.session
        unreadNotifications = context.unreadNotifications
    }

    public var maxUploadSize: Int { 1024 * 1024 }

    /// The member has enabled `module` (its manifest's `modules`).
    public func hasModule(_ module: PlatformModule) -> Bool { tenant.modules.contains(module) }
    public static var signInPath: String { "/compte/connexion" }
    public static var scope: RouteScope { .member }

    /// The signed-in person looking at a page, with their unread notifications.
    public var viewer: PageViewer? {
        guard let principal, let session, principal.kind != .client else { return nil }
        var viewer = PageViewer(principal: principal, session: session)
        viewer.unread = unreadNotifications ?? 0
        return viewer
    }
}
