import Foundation
import Postgres
import TestSupport
import Testing

@Suite("PostgreSQL errors and transactions")
struct ErrorTests {
    @Test("server errors carry SQLSTATE, message and the query")
    func serverError() async throws {
        try await TestDatabase.with { database in
            try await database.withClient { client in
                let error = await #expect(throws: PostgresError.self) {
                    try await client.query("SELEC 1", context: "tenant demo")
                }
                #expect(error?.code == .server)
                #expect(error?.sqlState == "42601")
                #expect(error?.query == "SELEC 1")
                #expect(error?.context == "tenant demo")
                #expect(error?.description.contains("syntax error") == true)
            }
        }
    }

    @Test("unique violations are recognisable and name the constraint")
    func uniqueViolation() async throws {
        try await TestDatabase.with { database in
            try await database.withClient { client in
                try await client.query("CREATE TABLE t (id int8 CONSTRAINT t_pk PRIMARY KEY)")
                try await client.query("INSERT INTO t VALUES (\(1))")
                let error = await #expect(throws: PostgresError.self) { try await client.query("INSERT INTO t VALUES (\(1))") }
                #expect(error?.isUniqueViolation == true)
                #expect(error?.constraint == "t_pk")
                #expect(error?.detail?.contains("already exists") == true)
            }
        }
    }

    struct Abort: Error {}

    @Test("a thrown error rolls the transaction back and the connection stays usable")
    func rollbackOnThrow() async throws {
        try await TestDatabase.with { database in
            try await database.withClient(poolSize: 1) { client in
                try await client.query("CREATE TABLE t (id int8)")
                await #expect(throws: Abort.self) {
                    try await client.withTransaction { connection in
                        try await connection.query("INSERT INTO t VALUES (\(1))")
                        throw Abort()
                    }
                }
                // A failed statement inside the transaction also rolls back.
                await #expect(throws: PostgresError.self) {
                    try await client.withTransaction { connection in
                        try await connection.query("INSERT INTO t VALUES (\(2))")
                        try await connection.query("SELECT 1/0")
                    }
                }
                let count = try await client.query("SELECT count(*) FROM t").single()?.decode(Int.self, at: 0)
                #expect(count == 0)
                _ = try await client.withTransaction { try await $0.query("INSERT INTO t VALUES (\(3))") }
                let after = try await client.query("SELECT count(*) FROM t").single()?.decode(Int.self, at: 0)
                #expect(after == 1)
            }
        }
    }

    @Test("local settings last until the end of the transaction only")
    func localSettings() async throws {
        try await TestDatabase.with { database in
            try await database.withClient(poolSize: 1) { client in
                try await client.query("CREATE SCHEMA alpha")
                let inside = try await client.withTransaction(settings: [.searchPath([try PostgresIdentifier("alpha")])]) {
                    try await $0.query("SHOW search_path").single()?.decode(String.self, at: 0)
                }
                #expect(inside == "alpha")
                let after = try await client.query("SHOW search_path").single()?.decode(String.self, at: 0)
                #expect(after == "\"$user\", public")
            }
        }
    }

    @Test("a connection used after its lease ended is refused")
    func useAfterLease() async throws {
        try await TestDatabase.with { database in
            try await database.withClient { client in
                let escaped = try await client.withConnection { $0 }
                let error = await #expect(throws: PostgresError.self) { try await escaped.query("SELECT 1") }
                #expect(error?.message.contains("after its lease") == true)
            }
        }
    }

    @Test("identifiers are validated, never escaped", arguments: [
        "", "Amiens", "a-b", "a\"b", "a;drop", "1abc", String(repeating: "a", count: 64), "amiens\u{0}",
    ])
    func invalidIdentifiers(_ name: String) {
        #expect(throws: PostgresError.self) { try PostgresIdentifier(name) }
    }

    @Test("a malformed URL is refused at configuration time")
    func malformedURL() {
        let error = #expect(throws: PostgresError.self) {
            try PostgresClient(configuration: .init(url: "postgresql://host/db?no_such_option=1"), logger: TestEnvironment.logger)
        }
        #expect(error?.code == .invalidArgument)
    }

    @Test("an unreachable server fails fast with a connection error")
    func unreachableServer() async throws {
        let client = try PostgresClient(
            configuration: .init(url: "postgresql://nobody@127.0.0.1:1/none", connectTimeoutSeconds: 2, leaseTimeout: .seconds(60), pipelineConnections: 1),
            logger: TestEnvironment.logger
        )
        let started = ContinuousClock.now
        let error = await #expect(throws: PostgresError.self) { try await client.query("SELECT 1") }
        #expect(error?.code == .connectionFailed)
        #expect(error?.isUnavailable == true)
        let pipelined = await #expect(throws: PostgresError.self) {
            try await client.oneShot("SELECT 1", settings: [], scope: "x")
        }
        #expect(pipelined?.code == .connectionFailed)
        // "Fast": the connection error, not the lease timeout (60 s here), whatever the machine's
        // load (refused connections took up to 7 s in full runs on the loaded 2-core machine).
        #expect(ContinuousClock.now - started < .seconds(15))
        await client.shutdown()
    }
}
