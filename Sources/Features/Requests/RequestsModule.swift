import Events
import Foundation
import Identity
import Jobs
import Modules
import Tenancy
import TenantStore
import Web

extension Permission {
    public static let requestsDesign = Permission("requests.design")
    public static let requestsProcess = Permission("requests.process")
    public static let requestsRead = Permission("requests.read")
    public static let requestsFile = Permission("requests.file")
}

/// Online procedures (démarches): types agents build (form, workflow, delay), the citizens'
/// pages (« Démarches », « Mes demandes », anonymous tracking), the back office's queue, the
/// intercommunality's competences offered on every member commune's portal (requests stored
/// by the member that processes them), the partners' JSON API and Open311 GeoReport v2.
public struct RequestsModule: FeatureModule {
    public static let id: PlatformModule? = .requests
    public static let name = "requests"
    public static var templates: [String: String] { RequestsTemplates.all }
    public static let permissions: [PermissionDeclaration] = [
        .init(.requestsDesign, label: "concevoir les démarches (formulaires et circuits)", delegable: false, roles: [.tenantAdmin]),
        .init(.requestsProcess, label: "traiter les demandes des usagers", delegable: true, roles: [.agent, .tenantAdmin]),
        .init(.requestsRead, label: "consulter les demandes des usagers", delegable: true, roles: [.agent, .tenantAdmin]),
        .init(.requestsFile, label: "déposer des demandes pour le compte d'usagers (partenaires, Open311)", delegable: true, roles: []),
    ]
    public static var events: [EventType] { RequestsEvents.all }

    let services: RequestsServices

    public init(context: ModuleContext) {
        services = RequestsServices(context: context)
    }

    /// Citizens' pages, the back office, the designer, the partners' API and Open311.
    public func register(routes: SecuredRoutes<TenantRequestContext>) {
        CitizenPages(services: services).register(on: routes)
        MyRequestsPages(services: services).register(on: routes)
        QueuePages(services: services).register(on: routes)
        DesignerPages(services: services).register(on: routes)
        RequestsAPIRoutes(services: services).register(on: routes)
        Open311Routes(services: services).register(on: routes)
    }

    public func register(jobs: inout JobRegistry) {
        jobs.register(LinkSyncJob(services: services))
        jobs.register(LateDigestJob(services: services))
    }

    /// Every morning, the agents who process requests get the late ones by type.
    public func schedules() throws -> [JobSchedule] {
        [try JobSchedule(name: "requests.late-digest", cron: "0 7 * * *", LateDigestJob.self, payload: .init(), perTenant: true)]
    }

    /// A new request is announced to the member's agents (inbox, mail or digest as each chose);
    /// status changes and messages reach the citizen directly (`ProcessingService`).
    public func notices(for event: RecordedEvent, in context: EventContext) async throws -> [EventNotice] {
        guard event.type == RequestsEvents.filed.name, let data = try? event.decodeData(RequestsEvents.Data.self) else { return [] }
        let portal = data.filingMember == context.tenant.slug.rawValue ? "" : " sur le portail de \(services.tenant(data.filingMember)?.name ?? data.filingMember)"
        return try await context.agents(withAnyRole: ["agent", "tenant_admin"]).map { account in
            EventNotice(account: account, title: "Nouvelle demande \(data.number)", body: "\(data.typeTitle) : demande déposée\(portal).", link: data.link)
        }
    }

    public func homeSection(tenant: Tenant, store: MemberStore) async throws -> HomeSection? {
        let offered = try await services.offered(on: tenant)
        guard !offered.isEmpty else { return nil }
        return HomeSection(
            anchor: "demarches", title: "Démarches en ligne",
            items: offered.prefix(4).map { .init(title: $0.type.title, text: String($0.type.description.prefix(160)), link: "/demarches/\($0.type.slug)", date: nil) },
            empty: "Aucune démarche en ligne.", more: ("Toutes les démarches (\(offered.count)) et vos demandes", "/demarches"), order: 20
        )
    }

    public func seedDemo(_ demo: DemoContent, tenant: Tenant, store: MemberStore) async throws -> [String] {
        try await RequestsDemo(services: services.quiet).seed(demo, tenant: tenant, store: store)
    }
}
