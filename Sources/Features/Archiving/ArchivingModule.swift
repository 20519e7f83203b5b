import Events
import Foundation
import Identity
import Jobs
import Modules
import Tenancy
import TenantStore
import Web

extension Permission {
    public static let archiveIngest = Permission("archive.ingest")
    public static let archiveRead = Permission("archive.read")
    public static let archiveAdmin = Permission("archive.admin")
}

/// Electronic archiving: SEDA transfers (SIPs) checked and stored in two locations, the
/// member's referentials (agreements, agencies, management rules), the transfers' replies.
public struct ArchivingModule: FeatureModule {
    public static let id: PlatformModule? = .archive
    public static let name = "archive"
    public static var templates: [String: String] { ArchivingTemplates.all }
    public static let permissions: [PermissionDeclaration] = [
        .init(.archiveIngest, label: "verser des archives (transferts SEDA)", delegable: true, roles: [.archivist, .tenantAdmin]),
        .init(.archiveRead, label: "consulter les archives et les transferts", delegable: true, roles: [.archivist, .tenantAdmin]),
        .init(.archiveAdmin, label: "tenir les référentiels d'archivage (conventions, services, règles)", delegable: false, roles: [.archivist, .tenantAdmin]),
    ]
    public static var events: [EventType] { ArchivingEvents.all }

    let services: ArchiveServices
    let context: ModuleContext

    public init(context: ModuleContext) {
        self.context = context
        services = ArchiveServices(context: context)
    }

    public func register(routes: SecuredRoutes<TenantRequestContext>) {
        TransferAPIRoutes(services: services).register(on: routes)
        ArchivistPages(services: services, pages: context.pages).register(on: routes)
    }

    /// The archiving worker's share of the event log: the types modules declare archivable.
    public static func consumer(for types: Set<String>) -> EventConsumer {
        EventConsumer(queue: ArchiveFromEventJob.queue, kind: ArchiveFromEventJob.kind, types: types)
    }

    public func register(jobs: inout JobRegistry) {
        jobs.register(ArchiveIntegrityJob(services: services))
        jobs.register(ArchiveFromEventJob(services: services, sources: context.archivables))
        jobs.register(ArchiveRetentionJob(services: services))
        jobs.register(ArchiveJournalSealJob(services: services))
    }

    public func schedules() throws -> [JobSchedule] {
        [try JobSchedule(name: "archive.integrity", cron: "40 2 * * *", ArchiveIntegrityJob.self,
                         payload: .init(periodDays: context.archiveCheckDays), perTenant: true),
         try JobSchedule(name: "archive.retention", cron: "30 6 * * 1-5", ArchiveRetentionJob.self, payload: .init(), perTenant: true),
         try JobSchedule(name: "archive.journal.seal", cron: "20 0 * * *", ArchiveJournalSealJob.self, payload: .init(), perTenant: true)]
    }

    public func seedDemo(_ demo: DemoContent, tenant: Tenant, store: MemberStore) async throws -> [String] {
        try await ArchiveDemo(services: services).seed(demo, tenant: tenant, store: store)
    }
}
