import Foundation
import Logging
import Postgres
import ServiceLifecycle
import Tenancy

/// Fires recurring jobs. Every worker process runs one; each occurrence fires exactly once
/// because firing is a compare-and-set on `next_fire_at` in the transaction that enqueues the
/// job(s), whose uniqueness keys also name the occurrence. Due means `next_fire_at <= now()` by
/// the database's clock: never early. After downtime, a missed occurrence fires once and the
/// next one is computed from now.
public final class JobScheduler: Service, Sendable {
    let client: PostgresClient
    let schedules: [String: JobSchedule]
    let tick: Duration
    let logger: Logger

    public init(client: PostgresClient, schedules: [JobSchedule], tick: Duration = .seconds(1), logger: Logger) {
        self.client = client
        self.schedules = Dictionary(schedules.map { ($0.name, $0) }, uniquingKeysWith: { _, last in last })
        self.tick = tick
        self.logger = logger
    }

    public func run() async throws {
        try await register()
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    _ = try await self.fireDue()
                } catch {
                    self.logger.warning("scheduler round failed", metadata: ["error": "\(error)"])
                }
                try? await Task.sleep(for: self.tick)
            }
        }
    }

    /// Writes the schedules this process knows; a changed cron expression restarts from now.
    public func register(now: Date = Date()) async throws {
        for schedule in schedules.values {
            guard let next = schedule.cron.next(after: now, in: schedule.timeZone) else { continue }
            try await client.query("""
                INSERT INTO platform.job_schedules (name, cron, time_zone, queue, kind, payload, per_tenant, next_fire_at)
                VALUES (\(schedule.name), \(schedule.cron.text), \(schedule.timeZone.identifier), \(schedule.queue), \(schedule.kind),
                        \(schedule.payload), \(schedule.perTenant), \(next))
                ON CONFLICT (name) DO UPDATE
                SET queue = excluded.queue, kind = excluded.kind, payload = excluded.payload, per_tenant = excluded.per_tenant,
                    next_fire_at = CASE WHEN job_schedules.cron <> excluded.cron OR job_schedules.time_zone <> excluded.time_zone
                                        THEN excluded.next_fire_at ELSE job_schedules.next_fire_at END,
                    cron = excluded.cron, time_zone = excluded.time_zone, updated_at = now()
                """, context: "job schedules")
        }
    }

    /// Fires every due occurrence this process knows; returns how many jobs it enqueued.
    public func fireDue() async throws -> Int {
        // The database's clock, not this process's: every process computes the same next occurrence.
        let due = try await client.query("""
            SELECT name, next_fire_at, now() FROM platform.job_schedules
            WHERE next_fire_at <= now() AND name = ANY(\(PostgresTextArray(Array(schedules.keys))))
            """, context: "job schedules").map { try $0.decode((String, Date, Date).self) }
        var enqueued = 0
        for (name, occurrence, now) in due {
            guard let schedule = schedules[name] else { continue }
            enqueued += try await fire(schedule, occurrence: occurrence, now: now)
        }
        return enqueued
    }

    private func fire(_ schedule: JobSchedule, occurrence: Date, now: Date) async throws -> Int {
        let next = schedule.cron.next(after: max(occurrence, now), in: schedule.timeZone) ?? occurrence.addingTimeInterval(86_400 * 366)
        return try await client.withTransaction(context: "job schedule \(schedule.name)") { connection in
            let won = try await connection.execute("""
                UPDATE platform.job_schedules SET last_fired_at = \(occurrence), next_fire_at = \(next), updated_at = now()
                WHERE name = \(schedule.name) AND next_fire_at = \(occurrence)
                """)
            guard won == 1 else { return 0 }
            let stamp = ISO8601DateFormatter().string(from: occurrence)
            var tenants: [TenantSlug?] = [nil]
            if schedule.perTenant {
                tenants = try await connection.query("""
                    SELECT slug FROM platform.tenants
                    WHERE status = 'active' AND (\(schedule.module?.rawValue)::text IS NULL OR \(schedule.module?.rawValue) = ANY(modules))
                    ORDER BY slug
                    """)
                    .map { try TenantSlug(try $0.decode(String.self, at: 0)) }
            }
            for tenant in tenants {
                try await JobEnqueuer.enqueue(NewJob(
                    queue: schedule.queue, kind: schedule.kind, tenant: tenant, payload: schedule.payload,
                    uniqueKey: "schedule:\(schedule.name):\(stamp)"
                ), on: connection)
            }
            logger.info("fired schedule", metadata: ["schedule": "\(schedule.name)", "occurrence": "\(stamp)", "jobs": "\(tenants.count)"])
            return tenants.count
        }
    }
}
