import Foundation
import Postgres

/// What operators do with jobs (`mutualis jobs dead|retry|cancel|stats`).
public struct JobAdministration: Sendable {
    let client: PostgresClient

    public init(client: PostgresClient) {
        self.client = client
    }

    static let columns: StaticString = """
        id, queue, kind, tenant_slug, state, attempts, max_attempts, run_at, finished_at, last_error, payload_erased_at IS NOT NULL
        """

    public func dead(queue: String? = nil, limit: Int = 100) async throws -> [JobRecord] {
        let rows = try await client.query("""
            SELECT \(literal: Self.columns) FROM platform.jobs
            WHERE state = 'dead' AND (\(queue)::text IS NULL OR queue = \(queue))
            ORDER BY finished_at DESC, id DESC LIMIT \(limit)
            """, context: "jobs")
        return try rows.map(Self.record)
    }

    public func job(_ id: Int) async throws -> JobRecord? {
        try await client.query("SELECT \(literal: Self.columns) FROM platform.jobs WHERE id = \(id)", context: "jobs")
            .first.map(Self.record)
    }

    /// Replays a dead (or cancelled) job: a fresh set of attempts, now. Not one whose secret
    /// payload was erased.
    public func retry(_ id: Int) async throws {
        try await transition(id, action: "retry", sql: """
            UPDATE platform.jobs
            SET state = 'enqueued', attempts = 0, run_at = now(), dispatched_at = NULL, finished_at = NULL,
                lease_until = NULL, worker = NULL, updated_at = now()
            WHERE id = \(id) AND state IN ('dead', 'cancelled') AND payload_erased_at IS NULL
            """)
    }

    /// Replays every dead job (of a queue) whose payload is still there; returns how many.
    public func retryAllDead(queue: String? = nil) async throws -> Int {
        try await client.withConnection(context: "jobs") { connection in
            let count = try await connection.execute("""
                UPDATE platform.jobs
                SET state = 'enqueued', attempts = 0, run_at = now(), dispatched_at = NULL, finished_at = NULL,
                    lease_until = NULL, worker = NULL, updated_at = now()
                WHERE state = 'dead' AND payload_erased_at IS NULL AND (\(queue)::text IS NULL OR queue = \(queue))
                """)
            try await connection.query("SELECT pg_notify(\(JobEnqueuer.notificationChannel), '')")
            return count
        }
    }

    /// Cancels a job that has not started (or is dead). A running job cannot be cancelled.
    public func cancel(_ id: Int) async throws {
        try await transition(id, action: "cancel", sql: """
            UPDATE platform.jobs SET state = 'cancelled', finished_at = now(), dispatched_at = NULL, updated_at = now(),
                payload = CASE WHEN secret_payload THEN '{}'::jsonb ELSE payload END,
                payload_erased_at = CASE WHEN secret_payload THEN coalesce(payload_erased_at, now()) END
            WHERE id = \(id) AND state IN ('enqueued', 'retrying', 'dead')
            """)
    }

    /// Counts per queue and state.
    public func counts() async throws -> [(queue: String, state: String, count: Int)] {
        try await client.query(
            "SELECT queue, state, count(*) FROM platform.jobs GROUP BY queue, state ORDER BY queue, state", context: "jobs"
        ).map { try $0.decode((String, String, Int).self) }
    }

    /// Dead jobs keep a secret payload this long (for a replay), then it is erased.
    public static let secretRetention: Duration = .seconds(2 * 86_400)

    /// Deletes finished jobs (and diagnostic ledger rows) older than `age`, and erases the
    /// secret payloads of jobs dead for longer than `secretRetention`; returns how many jobs
    /// were deleted.
    public func purge(olderThan age: Duration) async throws -> Int {
        try await client.withConnection(context: "jobs") { connection in
            try await connection.execute("""
                UPDATE platform.jobs SET payload = '{}'::jsonb, payload_erased_at = now()
                WHERE state = 'dead' AND secret_payload AND payload_erased_at IS NULL
                  AND finished_at < now() - \(Self.secretRetention.milliseconds) * interval '1 millisecond'
                """)
            let jobs = try await connection.execute("""
                DELETE FROM platform.jobs
                WHERE state IN ('succeeded', 'cancelled') AND finished_at < now() - \(age.milliseconds) * interval '1 millisecond'
                """)
            try await connection.execute("""
                DELETE FROM platform.job_ledger WHERE executed_at < now() - \(age.milliseconds) * interval '1 millisecond'
                """)
            return jobs
        }
    }

    private func transition(_ id: Int, action: String, sql: PostgresQuery) async throws {
        let changed = try await client.withConnection(context: "jobs") { connection in
            let count = try await connection.execute(sql)
            if count == 1 { try await connection.query("SELECT pg_notify(\(JobEnqueuer.notificationChannel), '')") }
            return count
        }
        guard changed == 0 else { return }
        guard let job = try await job(id) else { throw JobError.notFound(id) }
        if job.payloadErased { throw JobError.payloadErased(id) }
        throw JobError.invalidTransition(id: id, from: job.state.rawValue, action: action)
    }

    static func record(_ row: PostgresRow) throws -> JobRecord {
        JobRecord(
            id: try row.decode(Int.self, at: 0), queue: try row.decode(String.self, at: 1), kind: try row.decode(String.self, at: 2),
            tenant: try row.decode(String?.self, at: 3), state: JobState(rawValue: try row.decode(String.self, at: 4)) ?? .dead,
            attempts: try row.decode(Int.self, at: 5), maxAttempts: try row.decode(Int.self, at: 6),
            runAt: try row.decode(Date.self, at: 7), finishedAt: try row.decode(Date?.self, at: 8),
            lastError: try row.decode(String?.self, at: 9), payloadErased: try row.decode(Bool.self, at: 10)
        )
    }
}
