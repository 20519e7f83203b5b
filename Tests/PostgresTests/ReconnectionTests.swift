import Foundation
import Postgres
import TestSupport
import Testing

/// Restarts the second test cluster: serialized, and the only suite that touches it.
@Suite("PostgreSQL reconnection", .serialized)
struct ReconnectionTests {
    @Test("after pg_ctl restart, idle pooled and pipeline connections are replaced without a failed request")
    func restartWhileIdle() async throws {
        let client = try PostgresClient(
            configuration: .init(url: TestEnvironment.restartableDatabaseURL, poolSize: 3, pipelineConnections: 1),
            logger: TestEnvironment.logger
        )
        // Warm the pool and the pipeline.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<3 { group.addTask { try await client.query("SELECT pg_sleep(0.05)") } }
            try await group.waitForAll()
        }
        _ = try await client.oneShot("SELECT 1", settings: [], scope: "s")
        try TestEnvironment.shell(TestEnvironment.restartDatabaseCommand)
        for _ in 0..<5 {
            #expect(try await client.query("SELECT 1::int8").single()?.decode(Int.self, at: 0) == 1)
            #expect(try await client.oneShot("SELECT 2::int8", settings: [], scope: "s").single()?.decode(Int.self, at: 0) == 2)
        }
        await client.shutdown()
    }

    @Test("during an outage requests fail fast with a connection error; the next one after it succeeds")
    func outage() async throws {
        let client = try PostgresClient(
            configuration: .init(url: TestEnvironment.restartableDatabaseURL, connectTimeoutSeconds: 2, poolSize: 2, pipelineConnections: 1),
            logger: TestEnvironment.logger
        )
        _ = try await client.query("SELECT 1")
        try TestEnvironment.shell(TestEnvironment.stopDatabaseCommand)
        do {
            let error = await #expect(throws: PostgresError.self) { try await client.query("SELECT 1") }
            #expect(error?.isUnavailable == true)
            let pipelined = await #expect(throws: PostgresError.self) { try await client.oneShot("SELECT 1", settings: [], scope: "s") }
            #expect(pipelined?.isUnavailable == true)
        }
        try TestEnvironment.shell(TestEnvironment.startDatabaseCommand)
        #expect(try await client.query("SELECT 3::int8").single()?.decode(Int.self, at: 0) == 3)
        #expect(try await client.oneShot("SELECT 4::int8", settings: [], scope: "s").single()?.decode(Int.self, at: 0) == 4)
        await client.shutdown()
    }
}
