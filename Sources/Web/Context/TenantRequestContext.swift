import Hummingbird
import Identity
import Logging
import Tenancy

/// The context of a route that serves one member: the member is known and active, so
/// handlers receive it as a value rather than looking it up (there is no global tenant).
public struct TenantRequestContext: ChildRequestContext {
    public typealias ParentContext = AppRequestContext

    public var coreContext: CoreRequestContextStorage
    public let tenant: Tenant
    public let requestID: String
    public let clientIP: String?
    public let principal: Principal?
    public let session: SessionAccess?

    public init(context: AppRequestContext) throws {
        guard case .tenant(let tenant) = context.resolution else {
            // The console host: its pages live under /console/.
            throw WebError.redirect(to: "/console/")
        }
        coreContext = context.coreContext
        self.tenant = tenant
        requestID = context.requestID
        clientIP = context.clientIP
        principal = context.principal
        session = context.session
    }

    public var maxUploadSize: Int { 1024 * 1024 }
}
