import HTTPTypes
import Hummingbird
import Identity
import Tenancy
import Web

/// Signing in and out, signing up, password reset, "my sessions", the member's agents and API
/// clients, the OAuth token endpoint (member hosts), and the consortium's console.
public struct AccountsModule: Sendable {
    let identity: IdentityContext
    let authenticator: Authenticator
    let lifecycle: AccountLifecycle
    let administration: MemberAdministration
    let console: OperatorConsole
    let cookie: SessionCookie
    let pages: PageRenderer
    let directory: any TenantDirectorySource
    /// Where links in mail and redirects point (never the request's `Host`).
    let addresses: PublicAddresses

    public init(
        identity: IdentityContext, cookie: SessionCookie, pages: PageRenderer, directory: any TenantDirectorySource, addresses: PublicAddresses
    ) {
        self.identity = identity
        authenticator = Authenticator(context: identity)
        lifecycle = AccountLifecycle(context: identity)
        administration = MemberAdministration(context: identity)
        console = OperatorConsole(context: identity)
        self.cookie = cookie
        self.pages = pages
        self.directory = directory
        self.addresses = addresses
    }

    public static var templates: [String: String] { AccountTemplates.all.merging(AdminTemplates.all) { first, _ in first } }

    public func register(on routes: SecuredRoutes) {
        SessionAPIRoutes(module: self).register(on: routes)
        AccountPages(module: self).register(on: routes)
        AgentRoutes(module: self).register(on: routes)
        ClientRoutes(module: self).register(on: routes)
    }

    public func registerConsole(on group: RouterGroup<AppRequestContext>) {
        ConsoleRoutes(module: self).register(on: group)
    }

    /// Where the request came from, and the member's portal address for links in e-mails
    /// (from the configuration: a request's `Host` is the client's choice).
    func origin(_ request: Request, _ context: TenantRequestContext) -> RequestOrigin {
        RequestOrigin(ip: context.clientIP, userAgent: request.headers[.userAgent], portal: addresses.portal(context.tenant.slug))
    }
}
