import Accounts
import Hummingbird
import Identity
import Logging
import News
import TenantStore
import Web

/// Assembles the HTTP routes: the only place that knows every feature module.
///
/// Order matters in Hummingbird (middleware applies to the routes added after it):
/// request id → metrics → security headers → errors, on everything; then `/livez`, answered
/// whatever the Host (`/readyz` and `/metrics` live on the internal listener only); then, behind host resolution and authentication, the console
/// (`admin.<base domain>/console/`) and the member routes, each declaring what it requires.
/// HEAD is answered wherever GET is; a declared path asked with another method gets 405.
public enum PlatformRouter {
    public static func make(_ services: PlatformServices, routeTable: SecuredRoutes.Table = SecuredRoutes.Table()) throws -> Router<AppRequestContext> {
        let pages = try PageRenderer(templates: NewsRoutes.templates.merging(AccountsModule.templates) { first, _ in first })
        let cookie = SessionCookie(insecure: services.configuration.insecureCookies)
        let router = Router(context: AppRequestContext.self, options: .autoGenerateHeadEndpoints)
        router.add(middleware: RequestIDMiddleware())
        router.add(middleware: ClientAddressMiddleware(proxies: services.configuration.trustedProxies))
        router.add(middleware: RequestMetricsMiddleware())
        router.add(middleware: SecurityHeadersMiddleware(
            hstsMaxAge: services.configuration.insecureCookies ? 0 : services.configuration.hstsMaxAge
        ))
        router.add(middleware: ErrorMiddleware(pages: pages, directory: services.directory))

        HealthRoutes.registerLiveness(on: router)

        let hosted = router.group()
            .add(middleware: HostResolutionMiddleware(directory: services.directory))
            .add(middleware: AuthenticationMiddleware(authenticator: Authenticator(context: services.identity), cookie: cookie))
        let accounts = AccountsModule(
            identity: services.identity, cookie: cookie, pages: pages, directory: services.directory,
            addresses: services.configuration.publicAddresses
        )
        accounts.registerConsole(on: hosted)

        let members = SecuredRoutes(hosted.group(context: TenantRequestContext.self), table: routeTable)
        LogoRoutes(registry: services.registry).register(on: members)
        NewsRoutes(news: NewsStore(store: services.tenantStore), pages: pages).register(on: members)
        accounts.register(on: members)
        // Added last, so it wraps only the router's "no route" answer (built with every
        // middleware), not the routes above.
        router.add(middleware: MethodNotAllowedMiddleware(table: routeTable))
        return router
    }
}

extension PlatformRouter {
    /// The internal listener's routes: `/livez`, `/readyz`, `/metrics`.
    public static func makeInternal(_ services: PlatformServices, logger: Logger) -> Router<AppRequestContext> {
        let router = Router(context: AppRequestContext.self)
        HealthRoutes.registerInternal(on: router, checks: ReadinessChecks.all(services), metrics: services.metrics, logger: logger)
        return router
    }
}

extension PlatformServices {
    public var tenantStore: TenantStore { TenantStore(client: postgres) }
}
