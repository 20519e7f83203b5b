import Hummingbird
import Identity
import Logging
import NIOCore
import Tenancy
import TenantStore

/// The context every request starts with: its id, and which member (or the console) its
/// `Host` resolved to. Resolution happens in `HostResolutionMiddleware`.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Echoed in `X-Request-Id`, in logs and in problem documents.
    public var requestID: String
    public var resolution: TenantDirectory.Resolution?
    /// The client's address: the peer's, or behind a trusted proxy the one it forwards
    /// (`ClientAddressMiddleware`).
    public var clientIP: String?
    /// Who is calling, once `AuthenticationMiddleware` has looked (nil: anonymous).
    public var principal: Principal?
    /// The session behind the cookie, for CSRF checks and sign-out.
    public var session: SessionAccess?
    /// The resolved member's tables (set with `resolution` when it is a member).
    public var memberStore: MemberStore?
    /// Unread notifications of the signed-in person, for the header of pages.
    public var unreadNotifications: Int?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        requestID = ""
        resolution = nil
        clientIP = source.channel.remoteAddress?.ipAddress
        principal = nil
        session = nil
        memberStore = nil
        unreadNotifications = nil
    }

    /// Bodies larger than this are refused with 413 before they are decoded.
    public var maxUploadSize: Int { 1024 * 1024 }
}
