import HTTPTypes
import Hummingbird
import Identity
import Modules
import Tenancy
import TenantStore
import Web

/// Signing in and out, signing up, password reset, "my sessions", the member's agents and API
/// clients, the OAuth token endpoint (member hosts), and the consortium's console. Every
/// member has it.
public struct AccountsModule: FeatureModule {
    public static let id: PlatformModule? = nil
    public static let name = "accounts"
    public static var templates: [String: String] { AccountTemplates.all.merging(AdminTemplates.all) { first, _ in first } }
    public static var permissions: [PermissionDeclaration] { IdentityPermissions.declarations }

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

    public init(context: ModuleContext) {
        identity = context.identity
        authenticator = Authenticator(context: context.identity)
        lifecycle = AccountLifecycle(context: context.identity)
        administration = MemberAdministration(context: context.identity)
        console = OperatorConsole(context: context.identity)
        cookie = context.cookie
        pages = context.pages
        directory = context.directory
        addresses = context.addresses
    }

    public func register(routes: SecuredRoutes<TenantRequestContext>) {
        SessionAPIRoutes(module: self).register(on: routes)
        AccountPages(module: self).register(on: routes)
        AgentRoutes(module: self).register(on: routes)
        ClientRoutes(module: self).register(on: routes)
    }

    public func register(console routes: SecuredRoutes<ConsoleRequestContext>) {
        ConsoleRoutes(module: self).register(on: routes)
    }

    /// Where the request came from, and the member's portal address for links in e-mails
    /// (from the configuration: a request's `Host` is the client's choice).
    func origin(_ request: Request, _ context: TenantRequestContext) -> RequestOrigin {
        RequestOrigin(ip: context.clientIP, userAgent: request.headers[.userAgent], portal: addresses.portal(context.tenant.slug))
    }

    /// Renders a page of this module with its CSRF token (and the anonymous CSRF cookie if needed).
    func render<Context: SecuredRequestContext>(
        _ template: String, _ request: Request, _ context: Context, site: PageSite, viewer: PageViewer?, _ values: [String: Any],
        status: HTTPResponse.Status = .ok
    ) throws -> Response {
        let (token, setCookie) = try CSRF.token(session: context.session, request: request, cookie: cookie)
        var values = values
        values["csrf"] = token
        return pages.render(template, site: site, viewer: viewer, values: values, status: status,
                            headers: setCookie.map { [.setCookie: $0] } ?? [:])
    }
}
