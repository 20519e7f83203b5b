import Foundation
import Logging
import Modules
import Prometheus
import Tenancy
import TenantStore
import Web

extension Operations {
    /// Prints a member's OpenAPI document, as `GET /api/v1/openapi.json` serves it.
    public func openAPIDocument(tenant slug: TenantSlug) async throws {
        let services = try await PlatformServices.start(configuration: configuration, metrics: PrometheusCollectorRegistry(), logger: logger)
        do {
            guard let tenant = services.directory.current.tenant(slug) else { throw TenancyError.unknownTenant(slug.rawValue) }
            let table = RouteTable()
            _ = try PlatformRouter.make(services, routeTable: table)
            let routes = APIDocumentRoutes(table: table, configuration: configuration, catalog: services.modules.catalog)
            output(String(decoding: routes.json(for: tenant), as: UTF8.self))
            await services.shutdown()
        } catch {
            await services.shutdown()
            throw error
        }
    }
}
