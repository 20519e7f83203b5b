import Foundation
import Logging
import Migrator
import News
import Postgres
import Tenancy
import TenantStore

/// What the operators' commands do (`migrate`, `tenants …`), with the owner role's connection.
/// The CLI only parses arguments and calls these; they print to `output`.
public struct Operations: Sendable {
    public let configuration: MutualisConfiguration
    let output: @Sendable (String) -> Void
    let logger: Logger

    public init(configuration: MutualisConfiguration, output: @escaping @Sendable (String) -> Void = { print($0) }) {
        self.configuration = configuration
        self.output = output
        self.logger = Logger(label: "mutualis.operations")
    }

    func withOwnerClient<T>(_ body: (PostgresClient) async throws -> T) async throws -> T {
        try await PostgresClient.with(
            configuration: PostgresConfiguration(
                url: configuration.migrationDatabaseURL, applicationName: "mutualis-operations",
                poolSize: configuration.migrationParallelism + 2, leaseTimeout: .seconds(600), pipelineConnections: 0
            ),
            logger: logger,
            body
        )
    }

    func migrator(_ client: PostgresClient) throws -> Migrator {
        Migrator(client: client, catalog: try MigrationCatalog.load(root: configuration.migrationsDirectory), logger: logger)
    }

    var progressPrinter: @Sendable (MigrationProgress) -> Void {
        { [output] event in
            switch event {
            case .waitingForLock:
                output("another migration is running; waiting for its lock…")
            case .platformApplied(let name):
                output("platform: applied \(name)")
            case .tenantMigrated(let slug, let applied, let done, let total):
                output("[\(done)/\(total)] \(slug): " + (applied.isEmpty ? "up to date" : "applied \(applied.joined(separator: ", "))"))
            case .tenantFailed(let slug, let error, let done, let total):
                output("[\(done)/\(total)] \(slug): FAILED — \(error)")
            }
        }
    }

    /// `mutualis migrate`.
    public func migrate() async throws {
        try await withOwnerClient { client in
            let report = try await migrator(client).migrate(parallelism: configuration.migrationParallelism, progress: progressPrinter)
            let applied = report.tenants.values.reduce(0) { $0 + $1.count }
            output("migrated: \(report.platform.count) platform and \(applied) member migration(s) applied, \(report.tenants.count) member(s) checked")
        }
    }

    /// `mutualis tenants sync [--demo-content]`.
    public func syncTenants(demoContent: Bool) async throws {
        let manifests = try TenantManifestLoader.loadAll(directory: configuration.tenantsDirectory)
        try await withOwnerClient { client in
            let report = try await TenantSync(migrator: try migrator(client)).sync(manifests, progress: progressPrinter)
            for slug in report.created { output("created \(slug)") }
            for slug in report.updated { output("updated \(slug)") }
            for slug in report.suspended { output("suspended \(slug) (no longer in \(configuration.tenantsDirectory.lastPathComponent)/)") }
            output("sync: \(report.created.count) created, \(report.updated.count) updated, \(report.unchanged.count) unchanged, \(report.suspended.count) suspended")
        }
        if demoContent {
            try await seedDemoContent(manifests)
        }
    }

    /// `mutualis tenants list`.
    public func listTenants() async throws {
        try await withOwnerClient { client in
            let records = try await TenantRegistry(client: client).records()
            let rows = records.map { record in
                [
                    record.tenant.slug.rawValue, record.tenant.name, record.tenant.kind.rawValue, record.tenant.inseeCode ?? "—",
                    record.tenant.siren, record.tenant.status.rawValue + (record.suspensionReason.map { " (\($0.rawValue))" } ?? ""),
                    String(record.schemaVersion),
                    ([configuration.baseDomain.rawValue.isEmpty ? "" : "\(record.tenant.slug).\(configuration.baseDomain)"]
                        + record.tenant.hosts.map(\.rawValue)).joined(separator: " "),
                ]
            }
            output(Table.render(header: ["SLUG", "NAME", "KIND", "INSEE", "SIREN", "STATUS", "SCHEMA", "HOSTS"], rows: rows))
        }
    }

    /// `mutualis tenants create`: provisions one member outside `Tenants/`.
    public func createTenant(_ manifest: TenantManifest) async throws {
        try await withOwnerClient { client in
            let migrator = try migrator(client)
            try await migrator.withLock(progress: progressPrinter) {
                _ = try await migrator.migratePlatform(progress: progressPrinter)
                try await TenantProvisioner(client: client, catalog: migrator.catalog).provision(manifest, origin: .operator)
            }
            output("created \(manifest.tenant.slug) (schema \(manifest.tenant.schemaName), \(migrator.catalog.tenant.migrations.count) migration(s))")
        }
    }

    /// `mutualis tenants suspend|resume`.
    public func setStatus(_ slug: TenantSlug, _ status: Tenant.Status) async throws {
        try await withOwnerClient { client in
            guard try await TenantRegistry(client: client).setStatus(slug, status, reason: .operatorDecision) else {
                throw TenancyError.unknownTenant(slug.rawValue)
            }
            output(status == .suspended ? "suspended \(slug): its portal now answers 503" : "resumed \(slug)")
        }
    }
}
