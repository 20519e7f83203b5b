import Logging
import Postgres
import Tenancy

/// Applies `Migrations/platform`, then `Migrations/tenant` to every member, each migration in
/// its own transaction, recording version and checksum per schema. One runner at a time: an
/// advisory lock held on a dedicated connection for the whole run.
public struct Migrator: Sendable {
    public let client: PostgresClient
    public let catalog: MigrationCatalog
    private let logger: Logger

    public init(client: PostgresClient, catalog: MigrationCatalog, logger: Logger) {
        self.client = client
        self.catalog = catalog
        self.logger = logger
    }

    /// Everything up to date. Failures in members are collected (the others are still
    /// migrated) and thrown together at the end as `MigrationError.tenantsFailed`.
    @discardableResult
    public func migrate(parallelism: Int = 4, progress: @escaping @Sendable (MigrationProgress) -> Void = { _ in }) async throws -> MigrationReport {
        try await withLock(progress: progress) {
            let platform = try await migratePlatform(progress: progress)
            let tenants = try await migrateTenants(parallelism: parallelism, progress: progress)
            return MigrationReport(platform: platform, tenants: tenants)
        }
    }

    /// Runs `body` holding the migration lock; waits (and says so) if another runner holds it.
    public func withLock<T: Sendable>(
        progress: @escaping @Sendable (MigrationProgress) -> Void = { _ in },
        _ body: () async throws -> T
    ) async throws -> T {
        try await client.withConnection(context: "migration lock") { lock in
            let key = MigrationLedger.advisoryLockKey
            let acquired = try await lock.query("SELECT pg_try_advisory_lock(\(key))").single()?.decode(Bool.self, at: 0) ?? false
            if !acquired {
                progress(.waitingForLock)
                try await lock.query("SELECT pg_advisory_lock(\(key))")
            }
            do {
                let value = try await body()
                try await lock.query("SELECT pg_advisory_unlock(\(key))")
                return value
            } catch {
                _ = try? await lock.query("SELECT pg_advisory_unlock(\(key))")
                throw error
            }
        }
    }

    /// Platform migrations only (call inside `withLock`).
    public func migratePlatform(progress: @escaping @Sendable (MigrationProgress) -> Void = { _ in }) async throws -> [String] {
        try await client.withConnection(context: "platform") { try await $0.executeScript(unsafeSQL: MigrationLedger.bootstrap) }
        let applied = try await client.withConnection(context: "platform") {
            try await MigrationLedger.applied(schema: "platform", on: $0)
        }
        let pending = try catalog.platform.pending(applied: applied, schema: "platform")
        for migration in pending {
            try await client.withTransaction(context: "platform") { connection in
                try await MigrationLedger.apply(migration, schema: "platform", on: connection)
            }
            progress(.platformApplied(migration.name))
        }
        return pending.map(\.name)
    }

    private func migrateTenants(parallelism: Int, progress: @escaping @Sendable (MigrationProgress) -> Void) async throws -> [String: [String]] {
        let slugs = try await client.query("SELECT slug FROM platform.tenants ORDER BY slug", context: "platform.tenants")
            .map { try $0.decode(String.self, at: 0) }
        let total = slugs.count
        var results: [String: [String]] = [:]
        var failures: [(slug: String, error: any Error)] = []
        var done = 0
        await withTaskGroup(of: (String, Result<[String], any Error>).self) { group in
            var pending = slugs.makeIterator()
            for _ in 0..<max(1, parallelism) {
                guard let slug = pending.next() else { break }
                group.addTask { await outcome(of: slug) }
            }
            while let (slug, result) = await group.next() {
                done += 1
                switch result {
                case .success(let applied):
                    results[slug] = applied
                    progress(.tenantMigrated(slug: slug, applied: applied, done: done, total: total))
                case .failure(let error):
                    failures.append((slug, error))
                    logger.error("member migration failed", metadata: ["tenant": "\(slug)", "error": "\(error)"])
                    progress(.tenantFailed(slug: slug, error: "\(error)", done: done, total: total))
                }
                if let slug = pending.next() {
                    group.addTask { await outcome(of: slug) }
                }
            }
        }
        if !failures.isEmpty { throw MigrationError.tenantsFailed(failures) }
        return results
    }

    private func outcome(of slug: String) async -> (String, Result<[String], any Error>) {
        do {
            return (slug, .success(try await migrateTenant(slug)))
        } catch {
            return (slug, .failure(error))
        }
    }

    /// Applies the pending tenant migrations of one member, each in its own transaction.
    func migrateTenant(_ slug: String) async throws -> [String] {
        let schema = try PostgresIdentifier(try TenantSlug(slug).schemaName.rawValue)
        let applied = try await client.withConnection(context: "tenant \(slug)") {
            try await MigrationLedger.applied(schema: schema.name, on: $0)
        }
        let pending = try catalog.tenant.pending(applied: applied, schema: schema.name)
        for migration in pending {
            try await client.withTransaction(settings: [.searchPath([schema])], context: "tenant \(slug)") { connection in
                try await MigrationLedger.apply(migration, schema: schema.name, on: connection)
                try await connection.query(
                    "UPDATE platform.tenants SET schema_version = \(migration.version), updated_at = now() WHERE slug = \(slug)"
                )
            }
        }
        return pending.map(\.name)
    }
}

/// What a run reports as it goes (the CLI prints it).
public enum MigrationProgress: Sendable {
    case waitingForLock
    case platformApplied(String)
    case tenantMigrated(slug: String, applied: [String], done: Int, total: Int)
    case tenantFailed(slug: String, error: String, done: Int, total: Int)
}

public struct MigrationReport: Sendable {
    /// Platform migrations applied by this run.
    public var platform: [String]
    /// Tenant migrations applied by this run, per member.
    public var tenants: [String: [String]]
}
