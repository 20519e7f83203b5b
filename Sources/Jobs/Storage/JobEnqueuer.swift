import Postgres
import Tenancy

/// Writes jobs into `platform.jobs` inside the caller's transaction (the outbox): the job
/// exists if and only if the business change that caused it commits. A NOTIFY, delivered at
/// commit, wakes the relay.
public enum JobEnqueuer {
    public static let notificationChannel = "mutualis_jobs"

    /// Enqueues `job` and returns its id, or the id of the member's pending job with the same
    /// uniqueness key in that queue (keys are per member: two members never share one).
    @discardableResult
    public static func enqueue(_ job: NewJob, on connection: PostgresConnection) async throws -> Int {
        let inserted = try await connection.query("""
            INSERT INTO platform.jobs (queue, kind, tenant_slug, payload, run_at, unique_key, max_attempts, secret_payload)
            VALUES (\(job.queue), \(job.kind), \(job.tenant?.rawValue), \(job.payload), coalesce(\(job.runAt), now()),
                    \(job.uniqueKey), \(job.maxAttempts), \(job.secretPayload))
            ON CONFLICT (queue, tenant_key, unique_key) WHERE unique_key IS NOT NULL AND state IN ('enqueued', 'retrying', 'running')
            DO NOTHING
            RETURNING id
            """)
        if let row = try inserted.single() {
            try await connection.query("SELECT pg_notify(\(notificationChannel), \(job.queue))")
            return try row.decode(Int.self, at: 0)
        }
        // Another pending job holds the key: that one is the job.
        let existing = try await connection.query("""
            SELECT id FROM platform.jobs
            WHERE queue = \(job.queue) AND tenant_key = coalesce(\(job.tenant?.rawValue), '') AND unique_key = \(job.uniqueKey)
              AND state IN ('enqueued', 'retrying', 'running')
            """)
        guard let id = try existing.single()?.decode(Int.self, at: 0) else {
            // It finished between our insert and this read: try once more.
            return try await enqueue(job, on: connection)
        }
        return id
    }

    /// Enqueues many jobs of one queue and kind in one statement (no uniqueness keys).
    /// Returns how many were inserted.
    @discardableResult
    public static func enqueueMany(
        queue: String, kind: String, tenants: [String?], payloads: [PostgresJSON], maxAttempts: Int = 10,
        on connection: PostgresConnection
    ) async throws -> Int {
        precondition(tenants.count == payloads.count)
        let inserted = try await connection.execute("""
            INSERT INTO platform.jobs (queue, kind, tenant_slug, payload, max_attempts)
            SELECT \(queue), \(kind), nullif(t, ''), p::jsonb, \(maxAttempts)
            FROM unnest(\(PostgresTextArray(tenants.map { $0 ?? "" })), \(PostgresTextArray(payloads.map(\.text)))) AS u(t, p)
            """)
        try await connection.query("SELECT pg_notify(\(notificationChannel), \(queue))")
        return inserted
    }
}
