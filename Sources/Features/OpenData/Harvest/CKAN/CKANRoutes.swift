import HTTPTypes
import Hummingbird
import Tenancy
import TenantStore
import Web

/// The CKAN action API (public, read-only) where CKAN harvesters look for it: `/api/3/action/…`
/// on a member's host (its datasets; source URL: the portal), and under `/console/donnees/` on
/// the console host (every member's, each member an organisation; source URL:
/// `https://admin.<base domain>/console/donnees/`). GET with a query string or POST with a JSON
/// body, as CKAN takes both.
struct CKANRoutes: Sendable {
    let services: OpenDataServices

    func register(on routes: SecuredRoutes<TenantRequestContext>) {
        for method in [HTTPRequest.Method.get, .post] {
            routes.on(method, "/api/3/action/:action", .public) { request, context in
                let source = HarvestSource(services: services, tenant: context.tenant, store: context.store)
                return try await CKANActions(source: source, base: "\(services.portalBase(context.tenant.slug))/api/3/action")
                    .response(request, action: context.parameters.get("action") ?? "")
            }
        }
    }

    func register(on console: SecuredRoutes<ConsoleRequestContext>) {
        for method in [HTTPRequest.Method.get, .post] {
            console.on(method, "/console/donnees/api/3/action/:action", .public) { request, context in
                try await CKANActions(source: HarvestSource(consortium: services), base: "\(services.addresses.console)/console/donnees/api/3/action")
                    .response(request, action: context.parameters.get("action") ?? "")
            }
        }
    }
}
