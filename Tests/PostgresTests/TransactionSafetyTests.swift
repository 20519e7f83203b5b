import Foundation
import Postgres
import TestSupport
import Testing

/// What a transaction or a pooled connection must never do silently: lose its writes when a
/// caught error aborted it, carry session state to the next caller, or run unbounded.
@Suite("Transactions, savepoints, session state and time bounds")
struct TransactionSafetyTests {
    @Test("a caught SQL error inside a transaction makes withTransaction throw rolledBack, and nothing is kept")
    func caughtErrorIsNotACommit() async throws {
        try await TestDatabase.with { database in
            try await database.withClient(poolSize: 1) { client in
                try await client.query("CREATE TABLE items (id int PRIMARY KEY, note text)")
                try await client.query("INSERT INTO items VALUES (1, 'existing')")
                let error = await #expect(throws: PostgresError.self) {
                    try await client.withTransaction { connection in
                        try await connection.query("INSERT INTO items VALUES (2, 'written before the error')")
                        do {
                            try await connection.query("INSERT INTO items VALUES (1, 'duplicate')")
                        } catch let error as PostgresError where error.isUniqueViolation {
                            // Swallowed: the caller believes it can carry on.
                        }
                    }
                }
                #expect(error?.code == .rolledBack)
                #expect(try await client.query("SELECT count(*) FROM items").single()?.decode(Int.self, at: 0) == 1)
                // The connection is usable afterwards.
                #expect(try await client.query("SELECT 7").single()?.decode(Int.self, at: 0) == 7)
            }
        }
    }

    @Test("a savepoint lets a transaction recover from an error and commit the rest")
    func savepointRecovers() async throws {
        try await TestDatabase.with { database in
            try await database.withClient(poolSize: 1) { client in
                try await client.query("CREATE TABLE items (id int PRIMARY KEY, note text)")
                try await client.query("INSERT INTO items VALUES (1, 'existing')")
                let outcome = try await client.withTransaction { connection -> String in
                    try await connection.query("INSERT INTO items VALUES (2, 'kept')")
                    let duplicate: String
                    do {
                        try await connection.withSavepoint {
                            try await connection.query("INSERT INTO items VALUES (3, 'undone with the savepoint')")
                            try await connection.query("INSERT INTO items VALUES (1, 'duplicate')")
                        }
                        duplicate = "inserted"
                    } catch let error as PostgresError where error.isUniqueViolation {
                        duplicate = "refused"
                    }
                    // Nested savepoints, the inner one failing.
                    try await connection.withSavepoint {
                        try await connection.query("INSERT INTO items VALUES (4, 'outer savepoint')")
                        _ = try? await connection.withSavepoint { try await connection.query("SELECT 1/0") }
                    }
                    return duplicate
                }
                #expect(outcome == "refused")
                let ids = try await client.query("SELECT id FROM items ORDER BY id").map { try $0.decode(Int.self, at: 0) }
                #expect(ids == [1, 2, 4])
            }
        }
    }

    @Test("session state set on a pooled connection does not follow it to the next caller")
    func sessionStateDoesNotCarryOver() async throws {
        try await TestDatabase.with { database in
            try await database.withClient(poolSize: 1) { client in
                let defaultPath = try await client.query("SHOW search_path").single()?.decode(String.self, at: 0)
                let defaultTimeout = try await client.query("SHOW statement_timeout").single()?.decode(String.self, at: 0)
                try await client.query("CREATE SCHEMA tenant_other")
                let ways: [(String, @Sendable (PostgresConnection) async throws -> Void)] = [
                    ("SET", { try await $0.query("SET search_path TO tenant_other") }),
                    ("set_config", { try await $0.query("SELECT set_config('search_path', 'tenant_other', false)") }),
                    ("script", { try await $0.executeScript(unsafeSQL: "SET search_path TO tenant_other; SET statement_timeout = 1234") }),
                    ("SET in a transaction", { try await $0.query("BEGIN"); try await $0.query("SET search_path TO tenant_other"); try await $0.query("COMMIT") }),
                ]
                for (name, change) in ways {
                    try await client.withConnection { connection in
                        try await change(connection)
                        #expect(try await connection.query("SHOW search_path").single()?.decode(String.self, at: 0) == "tenant_other", "\(name)")
                    }
                    // The pool holds one connection: the next lease is the same slot.
                    #expect(try await client.query("SHOW search_path").single()?.decode(String.self, at: 0) == defaultPath, "\(name)")
                    #expect(try await client.query("SHOW statement_timeout").single()?.decode(String.self, at: 0) == defaultTimeout, "\(name)")
                }
                // Transaction-scoped settings are not session state: that connection is kept.
                let pid = try await client.query("SELECT pg_backend_pid()").single()?.decode(Int.self, at: 0)
                try await client.withTransaction(settings: [.searchPath(try PostgresIdentifier("tenant_other"))]) { _ in }
                try await client.withTransaction { try await $0.query("SET LOCAL statement_timeout = 50") }
                #expect(try await client.query("SELECT pg_backend_pid()").single()?.decode(Int.self, at: 0) == pid)
            }
        }
    }

    @Test("a slow one-shot read is cancelled at the pipeline's statement timeout and the reads behind it go on")
    func pipelineTimeout() async throws {
        try await TestDatabase.with { database in
            var configuration = database.configuration(poolSize: 2, pipelineConnections: 1)
            configuration.pipelineStatementTimeout = .milliseconds(300)
            configuration.statementTimeout = .milliseconds(600)
            try await PostgresClient.with(configuration: configuration, logger: TestEnvironment.logger) { client in
                let slow = Task { try await client.oneShot("SELECT pg_sleep(30)", settings: [], scope: "test") }
                try await Task.sleep(for: .milliseconds(50))
                let fast = try await client.oneShot("SELECT 1", settings: [], scope: "test").single()?.decode(Int.self, at: 0)
                #expect(fast == 1)
                let error = await #expect(throws: PostgresError.self) { _ = try await slow.value }
                #expect(error?.sqlState == "57014")
                // Interactive transactions have their own bound.
                let interactive = await #expect(throws: PostgresError.self) {
                    try await client.withTransaction { try await $0.query("SELECT pg_sleep(30)") }
                }
                #expect(interactive?.sqlState == "57014")
                #expect(try await client.query("SHOW statement_timeout").single()?.decode(String.self, at: 0) == "600ms")
            }
        }
    }
}
