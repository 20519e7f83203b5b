import Foundation
import Postgres
import TestSupport
import Testing

@Suite("PostgreSQL pool")
struct PoolTests {
    @Test("an exhausted pool makes the next caller wait, then time out with a clear error")
    func exhaustion() async throws {
        try await TestDatabase.with { database in
            try await database.withClient(poolSize: 2, leaseTimeout: .seconds(2)) { client in
                let holding = AsyncStream<Void>.makeStream()
                let release = AsyncStream<Void>.makeStream()
                // Two tasks hold both connections until told to let go.
                let holders = Task {
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        for _ in 0..<2 {
                            group.addTask {
                                try await client.withConnection { connection in
                                    try await connection.query("SELECT 1")
                                    holding.continuation.yield()
                                    for await _ in release.stream { break }
                                }
                            }
                        }
                        try await group.waitForAll()
                    }
                }
                var held = 0
                for await _ in holding.stream {
                    held += 1
                    if held == 2 { break }
                }
                #expect(client.poolStatistics.leased == 2)
                let error = await #expect(throws: PostgresError.self) { try await client.query("SELECT 1") }
                #expect(error?.code == .poolTimeout)
                #expect(error?.isUnavailable == true)
                #expect(error?.message.contains("all 2 in use") == true)

                // A waiter is served as soon as a connection comes back.
                let waiter = Task { try await client.query("SELECT 42").single()?.decode(Int.self, at: 0) }
                while client.poolStatistics.waiting == 0 { try await Task.sleep(for: .milliseconds(5)) }
                release.continuation.yield()
                release.continuation.yield()
                #expect(try await waiter.value == 42)
                try await holders.value
                #expect(client.poolStatistics.leased == 0)
                #expect(client.poolStatistics.capacity == 2)
            }
        }
    }

    @Test("many concurrent callers share a small pool without error")
    func sharing() async throws {
        try await TestDatabase.with { database in
            try await database.withClient(poolSize: 3) { client in
                let sum = try await withThrowingTaskGroup(of: Int.self) { group in
                    for value in 0..<200 {
                        group.addTask {
                            try await client.withTransaction { connection in
                                try await connection.query("SELECT \(value)::int8").single()?.decode(Int.self, at: 0) ?? -1
                            }
                        }
                    }
                    return try await group.reduce(0, +)
                }
                #expect(sum == (0..<200).reduce(0, +))
                #expect(client.poolStatistics.leased == 0)
                #expect(client.poolStatistics.idle <= 3)
            }
        }
    }

    @Test("a connection abandoned mid-transaction is not reused")
    func abandonedTransaction() async throws {
        try await TestDatabase.with { database in
            try await database.withClient(poolSize: 1) { client in
                // Opening a transaction by hand and leaving it open must not leak into the next lease.
                try await client.withConnection { try await $0.executeScript(unsafeSQL: "BEGIN; CREATE TEMP TABLE leak (x int)") }
                let status = try await client.query("SELECT count(*) FROM pg_class WHERE relname = 'leak'").single()?.decode(Int.self, at: 0)
                #expect(status == 0)
            }
        }
    }
}
