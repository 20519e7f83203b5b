import Foundation
import Postgres
import TestSupport
import Testing

@Suite("PostgreSQL pipeline (one-shot transactions)")
struct PipelineTests {
    /// Two schemas with the same table and the same ids, different contents.
    func makeSchemas(_ client: PostgresClient, count: Int = 2) async throws -> [PostgresIdentifier] {
        var schemas: [PostgresIdentifier] = []
        for index in 0..<count {
            let schema = try PostgresIdentifier("member_\(index)")
            try await client.withConnection { connection in
                try await connection.executeScript(unsafeSQL: """
                    CREATE SCHEMA \(schema.quoted);
                    CREATE TABLE \(schema.quoted).items (id int8 PRIMARY KEY, owner text NOT NULL);
                    INSERT INTO \(schema.quoted).items SELECT g, '\(schema.name)' FROM generate_series(1, 50) g;
                    """)
            }
            schemas.append(schema)
        }
        return schemas
    }

    @Test("each request reads through its own search_path, under interleaved concurrency")
    func isolationUnderConcurrency() async throws {
        try await TestDatabase.with { database in
            try await database.withClient(pipelineConnections: 2) { client in
                let schemas = try await makeSchemas(client, count: 4)
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for request in 0..<2_000 {
                        let schema = schemas[request % schemas.count]
                        let id = request % 50 + 1
                        group.addTask {
                            let rows = try await client.oneShot(
                                "SELECT id, owner FROM items WHERE id = \(id)",
                                settings: [.searchPath([schema])], scope: schema.name
                            )
                            let (readID, owner) = try #require(try rows.single()).decode((Int, String).self)
                            #expect(readID == id)
                            #expect(owner == schema.name)
                        }
                    }
                    try await group.waitForAll()
                }
            }
        }
    }

    @Test("settings end with the request: the next request sees the default search_path")
    func settingsDoNotLeak() async throws {
        try await TestDatabase.with { database in
            try await database.withClient(pipelineConnections: 1) { client in
                let schemas = try await makeSchemas(client, count: 1)
                let inside = try await client.oneShot("SHOW search_path", settings: [.searchPath(schemas)], scope: "a")
                #expect(try inside.single()?.decode(String.self, at: 0) == "\"member_0\"")
                let after = try await client.oneShot("SHOW search_path", settings: [], scope: "none")
                #expect(try after.single()?.decode(String.self, at: 0) == "\"$user\", public")
                // Outside any member, the members' tables are not visible at all.
                let error = await #expect(throws: PostgresError.self) {
                    try await client.oneShot("SELECT count(*) FROM items", settings: [], scope: "none")
                }
                #expect(error?.sqlState == "42P01")
            }
        }
    }

    @Test("an error stays within its request; the others in the same batch succeed")
    func errorsStayLocal() async throws {
        try await TestDatabase.with { database in
            try await database.withClient(pipelineConnections: 1) { client in
                let schemas = try await makeSchemas(client, count: 2)
                let outcomes = await withTaskGroup(of: Bool.self) { group in
                    for request in 0..<300 {
                        let schema = schemas[request % 2]
                        group.addTask {
                            let divisor = request % 3 == 0 ? 0 : 1
                            do {
                                let rows = try await client.oneShot(
                                    "SELECT count(*) / \(divisor) FROM items", settings: [.searchPath([schema])], scope: schema.name
                                )
                                return try rows.single()?.decode(Int.self, at: 0) == 50 && divisor == 1
                            } catch let error as PostgresError {
                                return error.sqlState == "22012" && divisor == 0
                            } catch {
                                return false
                            }
                        }
                    }
                    return await group.reduce(into: [Bool]()) { $0.append($1) }
                }
                #expect(outcomes.count == 300)
                #expect(outcomes.allSatisfy { $0 })
            }
        }
    }

    @Test("writes in a one-shot transaction commit, and a failed one leaves nothing")
    func writes() async throws {
        try await TestDatabase.with { database in
            try await database.withClient(pipelineConnections: 1) { client in
                let schema = try await makeSchemas(client, count: 1)[0]
                _ = try await client.oneShot("INSERT INTO items VALUES (\(100), 'new')", settings: [.searchPath([schema])], scope: schema.name)
                await #expect(throws: PostgresError.self) {
                    try await client.oneShot("INSERT INTO items VALUES (\(100), 'dup')", settings: [.searchPath([schema])], scope: schema.name)
                }
                let rows = try await client.query("SELECT owner FROM \(identifier: schema).items WHERE id >= \(100)")
                #expect(rows.count == 1)
                #expect(try rows.single()?.decode(String.self, at: 0) == "new")
            }
        }
    }

    @Test("a small statement cache evicts and re-prepares without errors")
    func statementEviction() async throws {
        try await TestDatabase.with { database in
            var configuration = database.configuration(pipelineConnections: 1)
            configuration.statementCacheCapacity = 2
            let client = try PostgresClient(configuration: configuration, logger: TestEnvironment.logger)
            let schemas = try await makeSchemas(client, count: 5)
            for round in 0..<3 {
                for schema in schemas {
                    let rows = try await client.oneShot(
                        "SELECT owner FROM items WHERE id = \(round + 1)", settings: [.searchPath([schema])], scope: schema.name
                    )
                    #expect(try rows.single()?.decode(String.self, at: 0) == schema.name)
                }
            }
            // The server holds no more prepared statements than the cache allows (plus set_config).
            let prepared = try await client.oneShot("SELECT count(*) FROM pg_prepared_statements", settings: [], scope: "stats")
            #expect(try prepared.single()?.decode(Int.self, at: 0) ?? 99 <= 3)
            await client.shutdown()
        }
    }

    @Test("a statement that fails to prepare is prepared again once it can be")
    func failedPrepareIsRetried() async throws {
        try await TestDatabase.with { database in
            try await database.withClient(pipelineConnections: 1) { client in
                try await client.query("CREATE SCHEMA late")
                let schema = try PostgresIdentifier("late")
                await #expect(throws: PostgresError.self) {
                    try await client.oneShot("SELECT count(*) FROM items", settings: [.searchPath([schema])], scope: "late")
                }
                try await client.query("CREATE TABLE late.items (id int8)")
                let rows = try await client.oneShot("SELECT count(*) FROM items", settings: [.searchPath([schema])], scope: "late")
                #expect(try rows.single()?.decode(Int.self, at: 0) == 0)
            }
        }
    }
}
