import Foundation
@testable import Jobs
import Postgres
import TestSupport
import Testing

@Suite("Recurring jobs")
struct SchedulerTests {
    func schedule() throws -> JobSchedule {
        try JobSchedule(name: "tests.every-minute", cron: "* * * * *", NoopJob.self, payload: .init(), perTenant: true)
    }

    @Test("two schedulers racing fire each occurrence once, one job per active member; never early")
    func exactlyOnce() async throws {
        try await JobsTestPlatform.with { platform in
            let other = try PostgresClient(configuration: platform.database.configuration(poolSize: 4, pipelineConnections: 0), logger: TestEnvironment.logger)
            let schedulers = [
                JobScheduler(client: platform.postgres, schedules: [try schedule()], logger: TestEnvironment.logger),
                JobScheduler(client: other, schedules: [try schedule()], logger: TestEnvironment.logger),
            ]
            try await schedulers[0].register()
            try await schedulers[1].register()
            #expect(try await platform.count("SELECT count(*) FROM platform.job_schedules") == 1)

            // Not due yet: nothing fires.
            try await platform.postgres.query("UPDATE platform.job_schedules SET next_fire_at = now() + interval '1 hour'")
            #expect(try await schedulers[0].fireDue() == 0)

            for round in 1...5 {
                try await platform.postgres.query("UPDATE platform.job_schedules SET next_fire_at = now() - \(round) * interval '1 minute'")
                let fired = try await withThrowingTaskGroup(of: Int.self) { group in
                    for scheduler in schedulers + schedulers {
                        group.addTask { try await scheduler.fireDue() }
                    }
                    return try await group.reduce(0, +)
                }
                #expect(fired == 3, "round \(round)")
            }
            #expect(try await platform.count("SELECT count(*) FROM platform.jobs") == 15)
            #expect(try await platform.count("SELECT count(DISTINCT tenant_slug) FROM platform.jobs") == 3)
            #expect(try await platform.count("SELECT count(*) FROM platform.job_schedules WHERE next_fire_at > now()") == 1)
            await other.shutdown()
        }
    }

    @Test("a consortium-wide schedule fires one job without a member; suspended members are skipped")
    func wideAndSuspended() async throws {
        try await JobsTestPlatform.with { platform in
            try await platform.postgres.query("UPDATE platform.tenants SET status = 'suspended', suspension_reason = 'operator' WHERE slug = 'beta'")
            let wide = try JobSchedule(name: "tests.wide", cron: "@hourly", NoopJob.self, payload: .init(), perTenant: false)
            let scheduler = JobScheduler(client: platform.postgres, schedules: [wide, try schedule()], logger: TestEnvironment.logger)
            try await scheduler.register()
            try await platform.postgres.query("UPDATE platform.job_schedules SET next_fire_at = now() - interval '1 second'")
            #expect(try await scheduler.fireDue() == 3)
            #expect(try await platform.count("SELECT count(*) FROM platform.jobs WHERE tenant_slug IS NULL") == 1)
            #expect(try await platform.count("SELECT count(*) FROM platform.jobs WHERE tenant_slug = 'beta'") == 0)
        }
    }

    @Test("changing a schedule's cron expression moves its next occurrence")
    func reschedule() async throws {
        try await JobsTestPlatform.with { platform in
            let now = Date()
            try await JobScheduler(client: platform.postgres, schedules: [try schedule()], logger: TestEnvironment.logger).register(now: now)
            let daily = try JobSchedule(name: "tests.every-minute", cron: "0 3 * * *", NoopJob.self, payload: .init(), perTenant: true)
            try await JobScheduler(client: platform.postgres, schedules: [daily], logger: TestEnvironment.logger).register(now: now)
            let next = try await platform.postgres.query("SELECT next_fire_at FROM platform.job_schedules").single()?.decode(Date.self, at: 0)
            #expect(next == daily.cron.next(after: now, in: daily.timeZone))
        }
    }
}
