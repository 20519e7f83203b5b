import Hummingbird
import News
import TenantStore
import Web

/// Assembles the HTTP routes: the only place that knows every feature module.
///
/// Order matters in Hummingbird (middleware applies to the routes added after it):
/// request id → metrics → security headers → errors, on everything; then the health routes,
/// answered whatever the Host; then the member routes behind host resolution.
public enum PlatformRouter {
    public static func make(_ services: PlatformServices) throws -> Router<AppRequestContext> {
        let pages = try PageRenderer(templates: NewsRoutes.templates)
        let router = Router(context: AppRequestContext.self)
        router.add(middleware: RequestIDMiddleware())
        router.add(middleware: MetricsMiddleware())
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: ErrorMiddleware(pages: pages, directory: services.directory))

        HealthRoutes.register(on: router, checks: ReadinessChecks.all(services), metrics: services.metrics)

        let members = router.group().add(middleware: HostResolutionMiddleware(directory: services.directory))
            .group(context: TenantRequestContext.self)
        LogoRoutes(registry: services.registry).register(on: members)
        NewsRoutes(news: NewsStore(store: services.tenantStore), pages: pages).register(on: members)
        return router
    }
}

extension PlatformServices {
    public var tenantStore: TenantStore { TenantStore(client: postgres) }
}
