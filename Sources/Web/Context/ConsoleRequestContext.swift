import Hummingbird
import Identity
import Logging
import Tenancy

/// The context of the consortium's console (`admin.<base domain>/console/`): exists only on
/// the console host; anywhere else the console's paths are not found.
public struct ConsoleRequestContext: ChildRequestContext, SecuredRequestContext {
    public typealias ParentContext = AppRequestContext

    public var coreContext: CoreRequestContextStorage
    public let requestID: String
    public let clientIP: String?
    public let principal: Principal?
    public let session: SessionAccess?

    public init(context: AppRequestContext) throws {
        guard context.resolution == .console else { throw WebError.notFound() }
        coreContext = context.coreContext
        requestID = context.requestID
        clientIP = context.clientIP
        // A member's session is never valid on the console host (Authenticator); an operator's is.
        principal = context.principal?.kind == .operator ? context.principal : nil
        session = principal == nil ? nil : context.session
    }

    public static var signInPath: String { "/console/connexion" }
    public static var scope: RouteScope { .console }
}
