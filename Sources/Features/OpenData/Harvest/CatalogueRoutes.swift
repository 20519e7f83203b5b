import Hummingbird
import Tenancy
import TenantStore
import Web

/// The DCAT-AP catalogues (public): a member's at `/catalogue.jsonld` and `/catalogue.ttl` on
/// its host, the consortium's (every member's datasets) at `/console/donnees/catalogue.jsonld`
/// and `.ttl` on the console host; `?page=N` pages them (`HydraPage`).
struct CatalogueRoutes: Sendable {
    let services: OpenDataServices

    func register(on routes: SecuredRoutes<TenantRequestContext>) {
        for format in CatalogueResponse.Format.allCases {
            routes.get("/catalogue.\(format.rawValue)", .public) { request, context in
                let source = HarvestSource(services: services, tenant: context.tenant, store: context.store)
                return try await CatalogueResponse(source: source, base: "\(services.portalBase(context.tenant.slug))/catalogue")
                    .response(request, format: format)
            }
        }
    }

    func register(on console: SecuredRoutes<ConsoleRequestContext>) {
        for format in CatalogueResponse.Format.allCases {
            console.get("/console/donnees/catalogue.\(format.rawValue)", .public) { request, _ in
                try await CatalogueResponse(source: HarvestSource(consortium: services), base: "\(services.addresses.console)/console/donnees/catalogue")
                    .response(request, format: format)
            }
        }
    }
}
