import Hummingbird
import Identity
import Logging
import Modules
import Notifications
import Tenancy
import TenantStore
import Trust
import Web

/// Assembles the HTTP routes from the modules.
///
/// Order matters in Hummingbird (middleware applies to the routes added after it):
/// request id → client address → metrics → security headers → errors, on everything; then
/// `/livez`, answered whatever the Host (`/readyz` and `/metrics` live on the internal listener
/// only); then, behind host resolution, authentication and the API guard (rate limits,
/// idempotency keys), the console
/// (`admin.<base domain>/console/`) and the member routes, each declaring what it requires.
/// HEAD is answered wherever GET is; a declared path asked with another method gets 405.
public enum PlatformRouter {
    public static func make(_ services: PlatformServices, routeTable: RouteTable = RouteTable()) throws -> Router<AppRequestContext> {
        let configuration = services.configuration
        let cookie = SessionCookie(insecure: configuration.insecureCookies)
        let pages = try PageRenderer(templates: services.modules.templates)
        let router = Router(context: AppRequestContext.self, options: .autoGenerateHeadEndpoints)
        router.add(middleware: RequestIDMiddleware())
        router.add(middleware: ClientAddressMiddleware(proxies: configuration.trustedProxies))
        router.add(middleware: RequestMetricsMiddleware())
        router.add(middleware: SecurityHeadersMiddleware(hstsMaxAge: configuration.insecureCookies ? 0 : configuration.hstsMaxAge))
        router.add(middleware: ErrorMiddleware(pages: pages, directory: services.directory))

        HealthRoutes.registerLiveness(on: router)
        if let authority = services.trust?.localAuthority {
            TimestampRoutes(authority: authority, limiter: RateLimiter(redis: services.redis)).register(on: router)
        }

        let hosted = router.group()
            .add(middleware: HostResolutionMiddleware(directory: services.directory, store: services.tenantStore))
            .add(middleware: AuthenticationMiddleware(
                authenticator: Authenticator(context: services.identity), cookie: cookie,
                unread: { store, account in try? await Inbox(member: store, account: account).unreadCount() }
            ))
            .add(middleware: APIGuardMiddleware(
                limits: APIRateLimits(perCallerPerMinute: configuration.apiRatePerMinute, perAddressPerMinute: configuration.apiAddressRatePerMinute),
                redis: services.redis
            ))
        let catalog = services.modules.catalog
        let console = SecuredRoutes(hosted.group(context: ConsoleRequestContext.self), table: routeTable, catalog: catalog, cookie: cookie)
        let members = SecuredRoutes(hosted.group(context: TenantRequestContext.self), table: routeTable, catalog: catalog, cookie: cookie)
        LogoRoutes(registry: services.registry).register(on: members)
        let modules = services.modules.instantiate(services.moduleContext(pages: pages, cookie: cookie))
        PortalHome(modules: modules, pages: pages).register(on: members)
        APIDocumentRoutes(table: routeTable, configuration: configuration, catalog: catalog).register(on: members)
        for (description, module) in modules {
            module.register(routes: members.module(description.id))
            module.register(console: console)
        }
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

    /// What the modules are made with.
    func moduleContext(pages: PageRenderer, cookie: SessionCookie) -> ModuleContext {
        ModuleContext(
            tenants: tenantStore, identity: identity, pages: pages, cookie: cookie, directory: directory,
            addresses: configuration.publicAddresses, blobs: blobs, uploadLimit: configuration.uploadLimit,
            events: events, eventTypes: modules.eventTypes, webhooksAllowPrivate: configuration.webhooksAllowPrivate, trust: trust,
            replicaBlobs: replicaBlobs, specifications: configuration.specificationsDirectory, workDirectory: configuration.workDirectory,
            archiveCheckDays: configuration.archiveCheckDays, openDataUploadLimit: configuration.openDataUploadLimit,
            payments: configuration.paymentProvider(logger: logger), paymentMode: configuration.payfipMode,
            paymentSettleAfter: configuration.paymentSettleAfter,
            logger: logger
        )
    }
}
