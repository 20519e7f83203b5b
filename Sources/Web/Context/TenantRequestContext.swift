import Hummingbird
import Logging
import Tenancy

/// The context of a route that serves one member: the member is known and active, so
/// handlers receive it as a value rather than looking it up (there is no global tenant).
public struct TenantRequestContext: ChildRequestContext {
    public typealias ParentContext = AppRequestContext

    public var coreContext: CoreRequestContextStorage
    public let tenant: Tenant
    public let requestID: String

    public init(context: AppRequestContext) throws {
        guard case .tenant(let tenant) = context.resolution else {
            // Reached only for hosts that resolved elsewhere (the console): nothing here.
            throw WebError.notFound()
        }
        coreContext = context.coreContext
        self.tenant = tenant
        requestID = context.requestID
    }

    public var maxUploadSize: Int { 1024 * 1024 }
}
