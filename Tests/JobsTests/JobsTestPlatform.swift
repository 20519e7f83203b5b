import Foundation
@testable import Jobs
import Logging
import Migrator
import Postgres
import Redis
import Tenancy
import TestSupport

/// A database with the platform migrated and a few members, a Redis of the test's own, and
/// helpers to run job runtimes against them.
struct JobsTestPlatform {
    let database: TestDatabase
    let postgres: PostgresClient
    let redisServer: TemporaryRedis
    let redis: RedisClient
    let members: [TenantSlug]

    static func with<T>(members: [String] = ["alpha", "beta", "gamma"], _ body: (JobsTestPlatform) async throws -> T) async throws -> T {
        try await TestDatabase.with { database in
            try await database.withClient(poolSize: 24, pipelineConnections: 0) { postgres in
                let migrator = Migrator(
                    client: postgres, catalog: try MigrationCatalog.load(root: try Fixtures.migrationsDirectory()),
                    logger: TestEnvironment.logger
                )
                try await TenantSync(migrator: migrator).sync(try members.map { try Fixtures.manifest($0) })
                let server = try TemporaryRedis()
                let redis = RedisClient(configuration: try RedisConfiguration(url: server.url, poolSize: 8), logger: TestEnvironment.logger)
                let platform = JobsTestPlatform(
                    database: database, postgres: postgres, redisServer: server, redis: redis,
                    members: try members.map { try TenantSlug($0) }
                )
                do {
                    let value = try await body(platform)
                    await redis.shutdown()
                    server.stop()
                    return value
                } catch {
                    await redis.shutdown()
                    server.stop()
                    throw error
                }
            }
        }
    }

    static let fastConfiguration = JobsConfiguration(
        concurrency: 16, visibilityTimeout: .seconds(10), shutdownDeadline: .seconds(1), tenantCap: 32,
        retryPolicy: RetryPolicy(base: .milliseconds(50), cap: .milliseconds(200), jitter: 0.5), pollInterval: .milliseconds(50)
    )

    /// Runs a relay, scheduler and worker in process while `body` runs, then stops them gracefully.
    func withRuntime<T>(
        registry: JobRegistry = Self.defaultRegistry, schedules: [JobSchedule] = [],
        configuration: JobsConfiguration = Self.fastConfiguration, _ body: (JobsRuntime) async throws -> T
    ) async throws -> T {
        let runtime = try JobsRuntime(
            postgres: postgres, redis: redis, registry: registry, schedules: schedules,
            configuration: configuration, logger: TestEnvironment.logger
        )
        return try await RunningServices.with(runtime.services, logger: TestEnvironment.logger) { try await body(runtime) }
    }

    static var defaultRegistry: JobRegistry {
        var registry = JobRegistry()
        JobsRuntime.platformHandlers(into: &registry)
        return registry
    }

    func enqueueLedgerJobs(_ count: Int, sleepMilliseconds: Int = 0, failUntilAttempt: Int = 0) async throws {
        let payload = try PostgresJSON(encoding: LedgerJob.Payload(sleepMilliseconds: sleepMilliseconds, failUntilAttempt: failUntilAttempt))
        _ = try await postgres.withTransaction { connection in
            try await JobEnqueuer.enqueueMany(
                queue: LedgerJob.queue, kind: LedgerJob.kind,
                tenants: (0..<count).map { members[$0 % members.count].rawValue },
                payloads: Array(repeating: payload, count: count), on: connection
            )
        }
    }

    func count(_ query: PostgresQuery) async throws -> Int {
        try await postgres.query(query).single()?.decode(Int.self, at: 0) ?? -1
    }

    /// Waits (bounded) until `condition` holds; returns whether it did.
    func eventually(within limit: Duration = .seconds(60), _ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return try await condition()
    }

    func allSucceeded(_ total: Int) async throws -> Bool {
        try await count("SELECT count(*) FROM platform.jobs WHERE state = 'succeeded'") == total
    }
}
