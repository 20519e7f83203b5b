import Foundation
@testable import Jobs
import Postgres
import Tenancy
import TenantStore
import TestSupport
import Testing

@Suite("Enqueueing jobs (the outbox)")
struct EnqueueTests {
    @Test("a job commits with the business change, and a rolled-back transaction leaves no job")
    func transactional() async throws {
        try await JobsTestPlatform.with { platform in
            let store = TenantStore(client: platform.postgres)
            let alpha = platform.members[0]
            try await store.withTenant(alpha) { connection in
                try await connection.query("CREATE TABLE IF NOT EXISTS notes (body text)")
            }
            struct Abort: Error {}
            await #expect(throws: Abort.self) {
                try await store.withTenant(alpha) { connection in
                    try await connection.query("INSERT INTO notes VALUES ('rolled back')")
                    try await JobEnqueuer.enqueue(try NewJob(LedgerJob.self, .init(), tenant: alpha), on: connection)
                    throw Abort()
                }
            }
            #expect(try await platform.count("SELECT count(*) FROM platform.jobs") == 0)
            let id = try await store.withTenant(alpha) { connection in
                try await connection.query("INSERT INTO notes VALUES ('kept')")
                return try await JobEnqueuer.enqueue(try NewJob(LedgerJob.self, .init(), tenant: alpha), on: connection)
            }
            let job = try #require(try await JobAdministration(client: platform.postgres).job(id))
            #expect(job.state == .enqueued)
            #expect(job.tenant == "alpha")
            #expect(try await platform.count("SELECT count(*) FROM tenant_alpha.notes") == 1)
        }
    }

    @Test("enqueueing under one uniqueness key from many tasks at once yields one job")
    func uniqueness() async throws {
        try await JobsTestPlatform.with { platform in
            let ids = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<40 {
                    group.addTask {
                        try await platform.postgres.withTransaction { connection in
                            try await JobEnqueuer.enqueue(
                                try NewJob(NoopJob.self, .init(), tenant: platform.members[1], uniqueKey: "rebuild-catalogue"), on: connection
                            )
                        }
                    }
                }
                return try await group.reduce(into: Set<Int>()) { $0.insert($1) }
            }
            #expect(ids.count == 1)
            #expect(try await platform.count("SELECT count(*) FROM platform.jobs") == 1)
            // Once that job is finished, the key is free again.
            try await platform.postgres.query("UPDATE platform.jobs SET state = 'succeeded'")
            let next = try await platform.postgres.withTransaction { connection in
                try await JobEnqueuer.enqueue(try NewJob(NoopJob.self, .init(), tenant: platform.members[1], uniqueKey: "rebuild-catalogue"), on: connection)
            }
            #expect(!ids.contains(next))
        }
    }

    @Test("uniqueness keys are per member: the same key of two members makes two jobs, each found again by its member")
    func keysPerMember() async throws {
        try await JobsTestPlatform.with { platform in
            func enqueue(_ tenant: TenantSlug?) async throws -> Int {
                try await platform.postgres.withTransaction { connection in
                    try await JobEnqueuer.enqueue(try NewJob(NoopJob.self, .init(), tenant: tenant, uniqueKey: "reindex:42"), on: connection)
                }
            }
            let alpha = try await enqueue(platform.members[0])
            let beta = try await enqueue(platform.members[1])
            let consortium = try await enqueue(nil)
            #expect(Set([alpha, beta, consortium]).count == 3)
            #expect(try await enqueue(platform.members[0]) == alpha)
            #expect(try await enqueue(platform.members[1]) == beta)
            #expect(try await enqueue(nil) == consortium)
            let tenants = try await platform.postgres.query("SELECT coalesce(tenant_slug, '-') FROM platform.jobs ORDER BY id").map { try $0.decode(String.self, at: 0) }
            #expect(tenants == ["alpha", "beta", "-"])
        }
    }

    @Test("a commit wakes the relay through NOTIFY; nothing is sent before it")
    func notification() async throws {
        try await JobsTestPlatform.with { platform in
            let listener = PostgresListener(
                configuration: platform.postgres.configuration, channels: [try PostgresIdentifier(JobEnqueuer.notificationChannel)],
                logger: TestEnvironment.logger
            )
            _ = try await listener.next(timeout: .milliseconds(10))
            try await platform.postgres.withTransaction { connection in
                try await JobEnqueuer.enqueue(try NewJob(NoopJob.self, .init(), tenant: nil), on: connection)
                #expect(try await listener.next(timeout: .milliseconds(200)).isEmpty)
            }
            let received = try await listener.next(timeout: .seconds(5))
            #expect(received.first?.channel == JobEnqueuer.notificationChannel)
            #expect(received.first?.payload == NoopJob.queue)
            await listener.shutdown()
        }
    }

    @Test("a relay that is not the leader does not keep the notifications it never reads")
    func notificationsDropped() async throws {
        try await JobsTestPlatform.with { platform in
            let listener = PostgresListener(
                configuration: platform.postgres.configuration, channels: [try PostgresIdentifier(JobEnqueuer.notificationChannel)],
                logger: TestEnvironment.logger
            )
            _ = try await listener.next(timeout: .milliseconds(10))
            for _ in 0..<3 {
                try await platform.postgres.withTransaction { connection in
                    try await JobEnqueuer.enqueue(try NewJob(NoopJob.self, .init(), tenant: nil), on: connection)
                }
            }
            try await Task.sleep(for: .milliseconds(200))
            // What a non-leader does every second: try the lock (here on a key nobody holds).
            _ = try await listener.tryAdvisoryLock(987_654_321)
            #expect(try await listener.next(timeout: .milliseconds(300)).isEmpty, "the 3 notifications were dropped, not queued")
            await listener.shutdown()
        }
    }
}
