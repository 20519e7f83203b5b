import Foundation
import Migrator
import Postgres
import Synchronization
import Tenancy
import TenantStore
import TestSupport
import Testing

@Suite("Migrations and provisioning against PostgreSQL")
struct MigratorTests {
    func migrator(_ client: PostgresClient, migrations: URL? = nil) throws -> Migrator {
        let root = try migrations ?? Fixtures.migrationsDirectory()
        return Migrator(client: client, catalog: try MigrationCatalog.load(root: root), logger: TestEnvironment.logger)
    }

    func count(_ client: PostgresClient, _ query: PostgresQuery) async throws -> Int {
        try await client.query(query).single()?.decode(Int.self, at: 0) ?? -1
    }

    @Test("sync provisions the shipped members; migrate and sync again change nothing")
    func provisionShipped() async throws {
        try await TestDatabase.with { database in
            try await database.withClient(poolSize: 8) { client in
                let migrator = try migrator(client)
                let manifests = try Fixtures.shippedManifests()
                let report = try await TenantSync(migrator: migrator).sync(manifests)
                #expect(report.created.count == 9)
                let again = try await TenantSync(migrator: migrator).sync(manifests)
                #expect(again == SyncReport(created: [], updated: [], unchanged: manifests.map(\.tenant.slug.rawValue), suspended: []))
                let migrated = try await migrator.migrate()
                #expect(migrated.platform.isEmpty)
                #expect(migrated.tenants.values.allSatisfy { $0.isEmpty })
                #expect(try await count(client, "SELECT count(*) FROM information_schema.schemata WHERE schema_name LIKE 'tenant\\_%'") == 9)
                let records = try await TenantRegistry(client: client).records()
                #expect(records.map(\.tenant.slug.rawValue).contains("pont-de-metz"))
                let latest = migrator.catalog.tenant.latestVersion
                #expect(records.allSatisfy { $0.schemaVersion == latest })
                let amiens = try #require(records.first { $0.tenant.slug.rawValue == "amiens" })
                #expect(amiens.tenant.inseeCode == "80021")
                #expect(amiens.tenant.hosts.map(\.rawValue) == ["portail.amiens.localhost"])
                #expect(try await TenantRegistry(client: client).logo(amiens.tenant.slug)?.contentType == "image/svg+xml")
            }
        }
    }

    @Test("an applied migration edited afterwards is refused with a clear message")
    func checksumRefusal() async throws {
        try await TestDatabase.with { database in
            try await database.withClient(poolSize: 6) { client in
                let original = try Fixtures.migrationsDirectory(tenant: ["0001_a.sql": "CREATE TABLE a (id int);"])
                _ = try await TenantSync(migrator: try migrator(client, migrations: original)).sync([try Fixtures.manifest("alpha")])
                let edited = try Fixtures.migrationsDirectory(tenant: ["0001_a.sql": "CREATE TABLE a (id bigint);"])
                let error = await #expect(throws: MigrationError.self) { try await migrator(client, migrations: edited).migrate() }
                #expect(error?.description.contains("0001_a.sql was edited after being applied to tenant_alpha") == true)
            }
        }
    }

    @Test("two runners at once: one waits for the other's lock, each migration is applied once")
    func concurrentRunners() async throws {
        try await TestDatabase.with { database in
            try await database.withClient(poolSize: 10) { client in
                let v1 = try Fixtures.migrationsDirectory(tenant: ["0001_a.sql": "CREATE TABLE a (id int);"])
                _ = try await TenantSync(migrator: try migrator(client, migrations: v1)).sync([try Fixtures.manifest("alpha"), try Fixtures.manifest("beta")])
                let v2 = try Fixtures.migrationsDirectory(tenant: [
                    "0001_a.sql": "CREATE TABLE a (id int);",
                    "0002_slow.sql": "SELECT pg_sleep(0.3);\nCREATE TABLE b (id int);",
                ])
                let waited = Counter()
                let runners = try (0..<2).map { _ in try migrator(client, migrations: v2) }
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for runner in runners {
                        group.addTask {
                            try await runner.migrate { event in
                                if case .waitingForLock = event { waited.increment() }
                            }
                        }
                    }
                    try await group.waitForAll()
                }
                #expect(waited.value == 1)
                #expect(try await count(client, "SELECT count(*) FROM platform.schema_migrations WHERE version = 2 AND schema_name <> 'platform'") == 2)
            }
        }
    }

    @Test("provisioning is all-or-nothing: a failing migration leaves no schema, row, host or ledger entry")
    func provisioningRollback() async throws {
        try await TestDatabase.with { database in
            try await database.withClient(poolSize: 6) { client in
                let broken = try Fixtures.migrationsDirectory(tenant: [
                    "0001_a.sql": "CREATE TABLE a (id int);",
                    "0002_broken.sql": "CREATE TABLE b (id int);\nINSERT INTO no_such_table VALUES (1);",
                ])
                let error = await #expect(throws: MigrationError.self) {
                    _ = try await TenantSync(migrator: try migrator(client, migrations: broken)).sync([try Fixtures.manifest("gamma", hosts: ["gamma.example.org"])])
                }
                #expect(error?.description.contains("0002_broken.sql failed in tenant_gamma") == true)
                #expect(try await count(client, "SELECT count(*) FROM platform.tenants") == 0)
                #expect(try await count(client, "SELECT count(*) FROM platform.tenant_hosts") == 0)
                #expect(try await count(client, "SELECT count(*) FROM platform.schema_migrations WHERE schema_name <> 'platform'") == 0)
                #expect(try await count(client, "SELECT count(*) FROM information_schema.schemata WHERE schema_name = 'tenant_gamma'") == 0)
            }
        }
    }

    @Test("a failure in one member names it and leaves the others migrated")
    func oneMemberFails() async throws {
        try await TestDatabase.with { database in
            try await database.withClient(poolSize: 8) { client in
                let v1 = try Fixtures.migrationsDirectory(tenant: ["0001_a.sql": "CREATE TABLE a (id int);"])
                let members = try ["m-one", "m-two", "m-three"].map { try Fixtures.manifest($0) }
                _ = try await TenantSync(migrator: try migrator(client, migrations: v1)).sync(members)
                // m-two already has a table the next migration wants to create.
                try await client.query("CREATE TABLE tenant_m_two.extra (id int)")
                let v2 = try Fixtures.migrationsDirectory(tenant: [
                    "0001_a.sql": "CREATE TABLE a (id int);", "0002_extra.sql": "CREATE TABLE extra (id int);",
                ])
                let failures = Recorder<String>()
                let error = await #expect(throws: MigrationError.self) {
                    try await migrator(client, migrations: v2).migrate(parallelism: 2) { event in
                        if case .tenantFailed(let slug, _, _, let total) = event, total == 3 { failures.append(slug) }
                    }
                }
                #expect(failures.values == ["m-two"])
                #expect(error?.description.contains("m-two") == true)
                #expect(error?.description.contains("already exists") == true)
                let versions = try await client.query("SELECT slug, schema_version FROM platform.tenants ORDER BY slug")
                    .map { try $0.decode((String, Int).self) }
                #expect(versions.map(\.0) == ["m-one", "m-three", "m-two"])
                #expect(versions.map(\.1) == [2, 2, 1])
            }
        }
    }

    @Test("sync updates changed members, suspends removed ones and brings them back; operator suspensions stay")
    func syncLifecycle() async throws {
        try await TestDatabase.with { database in
            try await database.withClient(poolSize: 6) { client in
                let sync = TenantSync(migrator: try migrator(client))
                let registry = TenantRegistry(client: client)
                let a = try Fixtures.manifest("aa"), b = try Fixtures.manifest("bb"), c = try Fixtures.manifest("cc")
                _ = try await sync.sync([a, b, c])

                let renamed = try Fixtures.manifest("aa", hosts: ["aa.example.org"], name: "Renamed")
                let report = try await sync.sync([renamed, c])
                #expect(report.updated == ["aa"])
                #expect(report.suspended == ["bb"])
                let bRecord = try #require(try await registry.record(b.tenant.slug))
                #expect(bRecord.tenant.status == .suspended)
                #expect(bRecord.suspensionReason == .removedFromManifest)
                let aRecord = try #require(try await registry.record(a.tenant.slug))
                #expect(aRecord.tenant.name == "Renamed")
                #expect(aRecord.tenant.hosts.map(\.rawValue) == ["aa.example.org"])
                // Data of a suspended member is kept.
                #expect(try await count(client, "SELECT count(*) FROM information_schema.schemata WHERE schema_name = 'tenant_bb'") == 1)

                try await registry.setStatus(c.tenant.slug, .suspended, reason: .operatorDecision)
                let back = try await sync.sync([renamed, b, c])
                #expect(back.updated == ["bb"])
                #expect(try await registry.record(b.tenant.slug)?.tenant.status == .active)
                #expect(try await registry.record(c.tenant.slug)?.tenant.status == .suspended)
            }
        }
    }
}
