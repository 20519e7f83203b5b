import Foundation
import Postgres
import Tenancy

/// A job a worker has claimed.
struct ClaimedJob: Sendable {
    var id: Int
    var queue: String
    var kind: String
    var tenant: TenantSlug?
    var payload: PostgresJSON
    var attempt: Int
    var maxAttempts: Int
    /// The modules its member has enabled (empty for a consortium-wide job).
    var tenantModules: Set<String>
}

/// The SQL of the job runtime. Every state change is guarded by the state (and, for a worker's
/// writes, by its lease), so a stale or duplicated stream entry can never move a job twice.
struct JobStore: Sendable {
    let client: PostgresClient

    /// Takes the given jobs that are still to run (or whose worker's lease expired): they
    /// become `running` under `worker`'s lease, attempt count incremented.
    func claim(_ ids: [Int], worker: String, lease: Duration) async throws -> [ClaimedJob] {
        guard !ids.isEmpty else { return [] }
        let rows = try await client.query("""
            UPDATE platform.jobs
            SET state = 'running', attempts = attempts + 1, started_at = now(), worker = \(worker),
                lease_until = now() + \(lease.milliseconds) * interval '1 millisecond', updated_at = now()
            WHERE id = ANY(\(PostgresInt8Array(ids))) AND run_at <= now() AND attempts < max_attempts
              AND (state IN ('enqueued', 'retrying') OR (state = 'running' AND lease_until < now()))
            RETURNING id, queue, kind, tenant_slug, payload, attempts, max_attempts,
                      coalesce((SELECT t.modules FROM platform.tenants t WHERE t.slug = platform.jobs.tenant_slug), '{}')
            """, context: "jobs")
        return try rows.map { row in
            ClaimedJob(
                id: try row.decode(Int.self, at: 0), queue: try row.decode(String.self, at: 1),
                kind: try row.decode(String.self, at: 2),
                tenant: try row.decode(String?.self, at: 3).map { try TenantSlug($0) },
                payload: try row.decode(PostgresJSON.self, at: 4), attempt: try row.decode(Int.self, at: 5),
                maxAttempts: try row.decode(Int.self, at: 6), tenantModules: Set(try row.decode(PostgresTextArray.self, at: 7).nonNull())
            )
        }
    }

    /// Records successes of this worker's attempts.
    @discardableResult
    func succeed(_ ids: [Int], worker: String) async throws -> Int {
        guard !ids.isEmpty else { return 0 }
        return try await client.withConnection(context: "jobs") { connection in
            let count = try await connection.execute("""
                UPDATE platform.jobs
                SET state = 'succeeded', finished_at = now(), lease_until = NULL, last_error = NULL, updated_at = now(),
                    payload = CASE WHEN secret_payload THEN '{}'::jsonb ELSE payload END,
                    payload_erased_at = CASE WHEN secret_payload THEN now() END
                WHERE id = ANY(\(PostgresInt8Array(ids))) AND worker = \(worker) AND state = 'running'
                """)
            // Capacity freed under the fairness cap: wake the relay.
            try await connection.query("SELECT pg_notify(\(JobEnqueuer.notificationChannel), '')")
            return count
        }
    }

    /// Records a failed attempt: back to `retrying` at `retryAt`, or `dead`.
    func fail(_ id: Int, attempt: Int, worker: String, outcome: JobLifecycle.FailureOutcome, error: String) async throws {
        let (state, runAt): (String, Date?) = switch outcome {
        case .retry(let at): ("retrying", at)
        case .dead: ("dead", nil)
        }
        try await client.query("""
            UPDATE platform.jobs
            SET state = \(state), run_at = coalesce(\(runAt), run_at), dispatched_at = NULL, lease_until = NULL,
                last_error = left(\(error), 4000), finished_at = CASE WHEN \(state) = 'dead' THEN now() END, updated_at = now()
            WHERE id = \(id) AND worker = \(worker) AND attempts = \(attempt) AND state = 'running'
            """, context: "jobs")
    }

    /// Cancels a claimed job that must not run (its member has not enabled its module).
    func cancel(_ id: Int, worker: String, reason: String) async throws {
        try await client.query("""
            UPDATE platform.jobs
            SET state = 'cancelled', finished_at = now(), lease_until = NULL, last_error = left(\(reason), 4000), updated_at = now(),
                payload = CASE WHEN secret_payload THEN '{}'::jsonb ELSE payload END,
                payload_erased_at = CASE WHEN secret_payload THEN now() END
            WHERE id = \(id) AND worker = \(worker) AND state = 'running'
            """, context: "jobs")
    }

    /// Gives jobs back without counting the attempt (a worker shutting down).
    func release(_ ids: [Int], worker: String) async throws {
        guard !ids.isEmpty else { return }
        try await client.query("""
            UPDATE platform.jobs
            SET state = CASE WHEN attempts > 1 THEN 'retrying' ELSE 'enqueued' END, attempts = attempts - 1,
                dispatched_at = NULL, lease_until = NULL, worker = NULL, run_at = now(), updated_at = now()
            WHERE id = ANY(\(PostgresInt8Array(ids))) AND worker = \(worker) AND state = 'running'
            """, context: "jobs")
    }

    /// Extends this worker's leases on jobs still running.
    func heartbeat(_ ids: [Int], worker: String, lease: Duration) async throws {
        guard !ids.isEmpty else { return }
        try await client.query("""
            UPDATE platform.jobs SET lease_until = now() + \(lease.milliseconds) * interval '1 millisecond'
            WHERE id = ANY(\(PostgresInt8Array(ids))) AND worker = \(worker) AND state = 'running'
            """, context: "jobs")
    }
}

extension Duration {
    var milliseconds: Int { Int(components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000) }
}
