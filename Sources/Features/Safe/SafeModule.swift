import Events
import Foundation
import HTTPTypes
import Identity
import Jobs
import Logging
import Modules
import Postgres
import Tenancy
import TenantStore
import Web

/// The citizens' document safe (coffre-fort numérique): per citizen, per member, the NF Z42-020
/// functions — deposit, read, delete, list, count, metadata, integrity verification, journal —
/// on « Mon coffre-fort » (`/compte/coffre-fort`) and under `/api/v1/me/safe`. Documents are
/// encrypted at rest (AES-256-GCM, a data key per citizen wrapped by the member's key derived
/// from the install's KEK); agents and partners have no access. No events: what a citizen
/// keeps is nobody else's business.
public struct SafeModule: FeatureModule {
    public static let id: PlatformModule? = .documentSafe
    public static let name = "safe"
    public static var templates: [String: String] { SafeTemplates.all }
    public static let permissions: [PermissionDeclaration] = []

    let services: SafeServices

    public init(context: ModuleContext) {
        services = SafeServices(context: context)
    }

    public func register(routes: SecuredRoutes<TenantRequestContext>) {
        SafePages(services: services).register(on: routes)
        SafeAPIRoutes(services: services).register(on: routes)
    }

    public func register(jobs: inout JobRegistry) {
        jobs.register(SafePurgeJob(services: services))
    }

    /// Every night, each member erases the safes of accounts closed for longer than the notice period.
    public func schedules() throws -> [JobSchedule] {
        [try JobSchedule(name: "safe.purge", cron: "30 3 * * *", SafePurgeJob.self, payload: .init(), perTenant: true)]
    }

    public func seedDemo(_ demo: DemoContent, tenant: Tenant, store: MemberStore) async throws -> [String] {
        try await SafeDemo(services: services).seed(demo, tenant: tenant, store: store)
    }

    // MARK: Operators (`mutualis safe …`)

    /// A citizen may attach a document of their safe to a démarche (a checked copy, journaled).
    public var citizenDocumentSource: (any CitizenDocumentSource)? { SafeDocumentSource(services: services) }

    /// Rotates the member key: every data key re-wrapped under the next version (documents are
    /// not re-encrypted). Returns the new version and how many data keys.
    public func rotateKey(member: MemberStore) async throws -> (version: Int, rewrapped: Int) {
        let rotated = try await services.keyring(member.slug).rotate(store: member)
        services.logger.notice("document safe: member key rotated", metadata: [
            "member": "\(member.slug)", "version": "\(rotated.version)", "keys": "\(rotated.rewrapped)",
        ])
        return rotated
    }

    /// The member's quota per citizen (nil: the platform's default, 100 Mo).
    public func setQuota(_ bytes: Int?, member: MemberStore) async throws {
        try await SafeStore(member: member).setQuota(bytes)
    }

    /// Erases now the safes of accounts closed for more than `noticeDays`.
    public func purge(member: MemberStore, noticeDays: Int) async throws -> (safes: Int, documents: Int) {
        try await SafePurgeJob.purge(member: member, services: services, noticeDays: noticeDays)
    }

    public static var defaultQuota: Int { SafeServices.defaultQuota }
}
