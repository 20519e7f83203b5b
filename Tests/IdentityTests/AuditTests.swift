import Foundation
@testable import Identity
import Migrator
import Postgres
import TenantStore
import Tenancy
import TestSupport
import Testing

@Suite("Audit journal")
struct AuditTests {
    func withMember<T>(_ body: (TestDatabase, PostgresClient, TenantStore, TenantSlug) async throws -> T) async throws -> T {
        try await TestDatabase.with { database in
            try await database.withClient(poolSize: 6) { client in
                let migrator = Migrator(client: client, catalog: try MigrationCatalog.load(root: try Fixtures.migrationsDirectory()),
                                        logger: TestEnvironment.logger)
                try await TenantSync(migrator: migrator).sync([try Fixtures.manifest("audit-member")])
                return try await body(database, client, TenantStore(client: client), try TenantSlug("audit-member"))
            }
        }
    }

    func append(_ count: Int, _ store: TenantStore, _ slug: TenantSlug) async throws {
        for index in 0..<count {
            try await store.withTenant(slug) { connection in
                try await AuditJournal.append(AuditEntry(
                    actorKind: "agent", actorID: "a-\(index)", actorLabel: "agent@exemple.fr", action: "news.publish",
                    objectType: "news", objectID: String(index), ip: "192.0.2.1", details: ["title": "Actualité n°\(index)", "€": "ünïcödé"]
                ), scope: .tenant, on: connection)
            }
        }
    }

    func verify(_ store: TenantStore, _ slug: TenantSlug) async throws -> AuditJournal.Verification {
        try await store.withTenant(slug) { try await AuditJournal.verify(scope: .tenant, on: $0) }
    }

    @Test("a chain of entries verifies; concurrent appends never fork it")
    func intact() async throws {
        try await withMember { _, _, store, slug in
            try await append(5, store, slug)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<4 { group.addTask { try await append(5, store, slug) } }
                try await group.waitForAll()
            }
            #expect(try await verify(store, slug) == .intact(entries: 25))
        }
    }

    @Test("an entry edited in SQL is detected and named")
    func edited() async throws {
        try await withMember { _, client, store, slug in
            try await append(6, store, slug)
            try await client.query("UPDATE tenant_audit_member.audit_journal SET actor_label = 'someone.else@exemple.fr' WHERE id = 4")
            #expect(try await verify(store, slug) == .broken(entryID: 4, reason: "its content does not match its hash (it was altered)"))
        }
    }

    @Test("a removed entry breaks the chain at the entry after it")
    func removed() async throws {
        try await withMember { _, client, store, slug in
            try await append(6, store, slug)
            try await client.query("DELETE FROM tenant_audit_member.audit_journal WHERE id = 3")
            guard case .broken(let id, _) = try await verify(store, slug) else { Issue.record("not detected"); return }
            #expect(id == 4)
        }
    }

    @Test("the server's database role cannot update or delete journal rows")
    func appRoleIsAppendOnly() async throws {
        try await withMember { database, _, store, slug in
            try await append(2, store, slug)
            try await PostgresClient.with(configuration: .init(url: database.appRoleURL, poolSize: 1, pipelineConnections: 0),
                                          logger: TestEnvironment.logger) { app in
                let appStore = TenantStore(client: app)
                // It may append...
                try await append(1, appStore, slug)
                // ...but not rewrite.
                for statement in ["UPDATE audit_journal SET outcome = 'failure'", "DELETE FROM audit_journal", "TRUNCATE audit_journal"] {
                    let error = await #expect(throws: PostgresError.self) {
                        try await appStore.withTenant(slug) { try await $0.executeScript(unsafeSQL: statement) }
                    }
                    #expect(error?.sqlState == "42501", "\(statement)")
                }
                let platformError = await #expect(throws: PostgresError.self) {
                    try await app.query("DELETE FROM platform.audit_journal")
                }
                #expect(platformError?.sqlState == "42501")
            }
            #expect(try await verify(store, slug) == .intact(entries: 3))
        }
    }
}
