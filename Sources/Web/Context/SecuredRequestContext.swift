import Hummingbird
import Identity
import Tenancy

/// A request context whose routes are declared with what they require (`SecuredRoutes`): it
/// knows who is calling and where an anonymous person signs in.
public protocol SecuredRequestContext: RequestContext {
    var requestID: String { get }
    var clientIP: String? { get }
    var principal: Principal? { get }
    var session: SessionAccess? { get }
    /// Where an anonymous person is sent to sign in (pages; the API answers 401).
    static var signInPath: String { get }
    /// Which route table its routes belong to (members' hosts, or the console's).
    static var scope: RouteScope { get }
    /// Whether the routes of `module` are served here (a member may not have enabled it).
    func hasModule(_ module: PlatformModule) -> Bool
}

extension SecuredRequestContext {
    public func hasModule(_ module: PlatformModule) -> Bool { true }

    /// The signed-in person looking at a page, if any (not a partner system).
    public var viewer: PageViewer? {
        guard let principal, let session, principal.kind != .client else { return nil }
        return PageViewer(principal: principal, session: session)
    }
}
