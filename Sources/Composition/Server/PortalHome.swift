import Hummingbird
import Modules
import Tenancy
import Web

/// A member's home page (`/`): the sections of the services it has enabled, each contributed by
/// its module, read side by side.
struct PortalHome: Sendable {
    let modules: [(description: ModuleDescription, module: any FeatureModule)]
    let pages: PageRenderer

    func register(on routes: SecuredRoutes<TenantRequestContext>) {
        routes.get("/", .public) { _, context in
            let enabled = modules.filter { $0.description.id.map(context.tenant.modules.contains) ?? true }
            let sections = try await withThrowingTaskGroup(of: HomeSection?.self) { group in
                for (_, module) in enabled {
                    group.addTask { try await module.homeSection(tenant: context.tenant, store: context.store) }
                }
                return try await group.reduce(into: [HomeSection]()) { if let section = $1 { $0.append(section) } }
            }
            return pages.home(site: PageSite(tenant: context.tenant), viewer: context.viewer, sections: sections)
        }
    }
}
