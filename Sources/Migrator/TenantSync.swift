import Logging
import Postgres
import Tenancy
import TenantStore

/// Makes the database match `Tenants/`: creates and migrates new members, updates changed
/// ones, suspends (never drops) removed ones. Idempotent: a second run changes nothing.
public struct TenantSync: Sendable {
    public let migrator: Migrator
    public let provisioner: TenantProvisioner

    public init(migrator: Migrator) {
        self.migrator = migrator
        self.provisioner = TenantProvisioner(client: migrator.client, catalog: migrator.catalog)
    }

    @discardableResult
    public func sync(_ manifests: [TenantManifest], progress: @escaping @Sendable (MigrationProgress) -> Void = { _ in }) async throws -> SyncReport {
        try await migrator.withLock(progress: progress) {
            _ = try await migrator.migratePlatform(progress: progress)
            let registry = try await migrator.client.query(
                "SELECT slug, manifest_checksum, status, suspension_reason FROM platform.tenants WHERE origin = 'manifest'", context: "platform.tenants"
            ).map { row in try row.decode((String, String?, String, String?).self) }
            let existing = Dictionary(uniqueKeysWithValues: registry.map { ($0.0, (checksum: $0.1, status: $0.2, reason: $0.3)) })
            var report = SyncReport()
            for manifest in manifests {
                let slug = manifest.tenant.slug.rawValue
                guard let current = existing[slug] else {
                    try await provisioner.provision(manifest, origin: .manifest)
                    report.created.append(slug)
                    continue
                }
                // A member suspended because its file had left Tenants/ comes back with it;
                // one suspended by an operator stays suspended.
                let resume = current.status == "suspended" && current.reason == TenantRecord.SuspensionReason.removedFromManifest.rawValue
                if current.checksum != manifest.checksum || resume {
                    try await provisioner.update(manifest, resume: resume)
                    report.updated.append(slug)
                } else {
                    report.unchanged.append(slug)
                }
            }
            let declared = Set(manifests.map(\.tenant.slug.rawValue))
            for (slug, current) in existing.sorted(by: { $0.key < $1.key }) where !declared.contains(slug) && current.status == "active" {
                try await migrator.client.query("""
                    UPDATE platform.tenants
                    SET status = 'suspended', suspension_reason = 'removed-from-manifest', suspended_at = now(), updated_at = now()
                    WHERE slug = \(slug)
                    """)
                report.suspended.append(slug)
            }
            return report
        }
    }
}

public struct SyncReport: Sendable, Equatable {
    public var created: [String] = []
    public var updated: [String] = []
    public var unchanged: [String] = []
    public var suspended: [String] = []

    public init(created: [String] = [], updated: [String] = [], unchanged: [String] = [], suspended: [String] = []) {
        self.created = created
        self.updated = updated
        self.unchanged = unchanged
        self.suspended = suspended
    }
}
