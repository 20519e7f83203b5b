import Events
import Foundation
import Identity
import Jobs
import Modules
import Tenancy
import TenantStore
import Web

extension Permission {
    public static let openDataPublish = Permission("opendata.publish")
}

/// Open data: the member's catalogue (public pages, downloads, JSON API, DCAT-AP and CKAN for
/// harvesters), the datasets the platform produces from its own data (deliberations from the
/// parapheur, subventions, budget, équipements, the catalogue itself), each CSV checked against
/// its SCDL schema before anything is published, and the refresh workers.
public struct OpenDataModule: FeatureModule {
    public static let id: PlatformModule? = .openData
    public static let name = "opendata"
    public static var templates: [String: String] { OpenDataTemplates.all }
    public static let permissions: [PermissionDeclaration] = [
        .init(.openDataPublish, label: "publier des données ouvertes (saisie, dépôt, actualisation)", delegable: true, roles: [.agent, .tenantAdmin]),
    ]
    public static var events: [EventType] { OpenDataEvents.all }
    public static var eventConsumers: [EventConsumer] { [DeliberationFromEventJob.consumer] }

    public let services: OpenDataServices

    public init(context: ModuleContext) {
        services = OpenDataServices(context: context)
    }

    public func register(routes: SecuredRoutes<TenantRequestContext>) {
        PortalPages(services: services).register(on: routes)
        AgentPages(services: services).register(on: routes)
        DatasetAPIRoutes(services: services).register(on: routes)
        CatalogueRoutes(services: services).register(on: routes)
        CKANRoutes(services: services).register(on: routes)
    }

    public func register(console: SecuredRoutes<ConsoleRequestContext>) {
        ConsortiumCatalogue(services: services).register(on: console)
        CatalogueRoutes(services: services).register(on: console)
        CKANRoutes(services: services).register(on: console)
    }

    public func register(jobs: inout JobRegistry) {
        jobs.register(OpenDataRefreshJob(services: services))
        jobs.register(DeliberationFromEventJob())
    }

    /// Every night each active member's produced datasets are regenerated (unchanged data: no
    /// new version).
    public func schedules() throws -> [JobSchedule] {
        [try JobSchedule(name: "opendata.refresh", cron: "10 3 * * *", OpenDataRefreshJob.self,
                         payload: .init(dataset: nil, requestedBy: "actualisation nocturne"), perTenant: true)]
    }

    public func homeSection(tenant: Tenant, store: MemberStore) async throws -> HomeSection? {
        let datasets = try await CatalogueStore(member: store).datasets()
        guard !datasets.isEmpty else { return nil }
        return HomeSection(
            anchor: "donnees", title: "Données ouvertes",
            items: datasets.prefix(3).map { .init(title: $0.title, text: String($0.description.prefix(160)), link: "/donnees/\($0.id)", date: nil) },
            empty: "Aucun jeu de données publié.", more: ("Tout le catalogue (\(datasets.count) jeux de données)", "/donnees"), order: 40
        )
    }

    public func seedDemo(_ demo: DemoContent, tenant: Tenant, store: MemberStore) async throws -> [String] {
        try await OpenDataDemo(services: services).seed(demo, tenant: tenant, store: store)
    }
}
