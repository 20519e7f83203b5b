import Foundation
import Postgres

/// A job the relay may put in its stream now.
struct DispatchCandidate: Sendable {
    var id: Int
    var queue: String
    var tenant: String
    var kind: String
}

/// The relay's side of the store: what to dispatch (fairly), and the repairs after a loss.
extension JobStore {
    /// Jobs due now, at most `cap` in flight per (queue, member): a member's backlog never fills
    /// a stream. Candidates are interleaved member by member (the first of each member, then
    /// the second of each…), so one member's ten thousand jobs do not delay another's one job.
    /// Members that are suspended keep their jobs pending until resumed.
    func dispatchable(queues: [String], cap: Int, limit: Int) async throws -> [DispatchCandidate] {
        let rows = try await client.query("""
            SELECT c.id, c.queue, c.tenant_key, c.kind
            FROM unnest(\(PostgresTextArray(queues))) AS q(queue)
            CROSS JOIN (SELECT slug FROM platform.tenants WHERE status = 'active' UNION ALL SELECT '') AS t(tenant_key)
            CROSS JOIN LATERAL (
                SELECT count(*) AS n FROM (
                    SELECT 1 FROM platform.jobs f
                    WHERE f.queue = q.queue AND f.tenant_key = t.tenant_key AND f.dispatched_at IS NOT NULL
                      AND f.state IN ('enqueued', 'retrying', 'running')
                    LIMIT \(cap)
                ) s
            ) inflight
            CROSS JOIN LATERAL (
                SELECT j.id, j.queue, j.tenant_key, j.kind, row_number() OVER (ORDER BY j.run_at, j.id) AS rank
                FROM platform.jobs j
                WHERE j.queue = q.queue AND j.tenant_key = t.tenant_key AND j.dispatched_at IS NULL
                  AND j.state IN ('enqueued', 'retrying') AND j.run_at <= now()
                ORDER BY j.run_at, j.id
                LIMIT greatest(\(cap) - inflight.n, 0)
            ) c
            ORDER BY c.rank, c.id
            LIMIT \(limit)
            """, context: "jobs relay")
        return try rows.map { row in
            DispatchCandidate(
                id: try row.decode(Int.self, at: 0), queue: try row.decode(String.self, at: 1),
                tenant: try row.decode(String.self, at: 2), kind: try row.decode(String.self, at: 3)
            )
        }
    }

    func markDispatched(_ ids: [Int]) async throws {
        guard !ids.isEmpty else { return }
        try await client.query("""
            UPDATE platform.jobs SET dispatched_at = now() WHERE id = ANY(\(PostgresInt8Array(ids))) AND dispatched_at IS NULL
            """, context: "jobs relay")
    }

    func unmarkDispatched(_ ids: [Int]) async throws {
        guard !ids.isEmpty else { return }
        try await client.query("""
            UPDATE platform.jobs SET dispatched_at = NULL
            WHERE id = ANY(\(PostgresInt8Array(ids))) AND state IN ('enqueued', 'retrying')
            """, context: "jobs relay")
    }

    /// Redis lost its streams: every job dispatched but not yet claimed must be dispatched again.
    @discardableResult
    func forgetDispatches(queues: [String]) async throws -> Int {
        try await client.withConnection(context: "jobs relay") { connection in
            try await connection.execute("""
                UPDATE platform.jobs SET dispatched_at = NULL
                WHERE dispatched_at IS NOT NULL AND state IN ('enqueued', 'retrying') AND queue = ANY(\(PostgresTextArray(queues)))
                """)
        }
    }

    /// Repairs what lost workers and lost stream entries leave behind: a job whose worker's
    /// lease expired (the worker died mid-attempt; the attempt counts) is retried now, or is dead
    /// if that was its last attempt; a job dispatched long ago but never claimed (its stream
    /// entry was lost) is dispatched again — unless its entry may still be waiting to be read
    /// (`waitingSince`: queues whose oldest unread entry is older than the job's dispatch, with
    /// `margin` for the two servers' clocks), which would only add a copy under load.
    ///
    /// Every scan matches the partial index of jobs in flight (running jobs keep their
    /// `dispatched_at`), so none reads the finished jobs; an index of its own would cost every
    /// job's state changes (measured: 10-50 % of the throughput). `thorough` also looks for
    /// running jobs outside that index, reading the whole table: the relay does it rarely.
    func reap(
        staleAfter: Duration, leaseGrace: Duration, waitingSince: [String: Date] = [:], margin: Duration = .seconds(5),
        thorough: Bool = true
    ) async throws -> (redispatched: Int, lost: Int) {
        let waitingQueues = Array(waitingSince.keys)
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let waitingTimes = waitingQueues.map { formatter.string(from: waitingSince[$0]!.addingTimeInterval(-Double(margin.milliseconds) / 1000)) }
        return try await client.withConnection(context: "jobs relay") { connection in
            // `$thorough` is bound as a value, so the plan made for `false` uses the in-flight index.
            let lost = try await connection.execute("""
                UPDATE platform.jobs
                SET state = CASE WHEN attempts >= max_attempts THEN 'dead' ELSE 'retrying' END,
                    finished_at = CASE WHEN attempts >= max_attempts THEN now() END,
                    run_at = now(), dispatched_at = NULL, lease_until = NULL, worker = NULL, updated_at = now(),
                    last_error = 'the worker running attempt ' || attempts || ' was lost'
                WHERE (dispatched_at IS NOT NULL OR \(thorough)) AND state = 'running'
                  AND lease_until < now() - \(leaseGrace.milliseconds) * interval '1 millisecond'
                """)
            let redispatched = try await connection.execute("""
                UPDATE platform.jobs j SET dispatched_at = NULL
                WHERE j.dispatched_at < now() - \(staleAfter.milliseconds) * interval '1 millisecond'
                  AND j.state IN ('enqueued', 'retrying')
                  AND NOT EXISTS (
                      SELECT 1 FROM unnest(\(PostgresTextArray(waitingQueues)), \(PostgresTextArray(waitingTimes))) AS w(queue, since)
                      WHERE w.queue = j.queue AND j.dispatched_at >= w.since::timestamptz
                  )
                """)
            return (redispatched, lost)
        }
    }

    struct QueueStatistics: Sendable {
        var queue: String
        /// Due now and waiting.
        var ready: Int
        var running: Int
        var dead: Int
        /// Seconds since the oldest ready job became due.
        var oldestAge: Double
    }

    func statistics(queues: [String]) async throws -> [QueueStatistics] {
        // Each count matches a partial index's predicate (undispatched, in flight, running,
        // dead), so none reads the finished jobs.
        let rows = try await client.query("""
            SELECT q.queue, waiting.n + dispatched.n, running.n, dead.n,
                   coalesce(extract(epoch FROM now() - least(waiting.oldest, dispatched.oldest)), 0)::float8
            FROM unnest(\(PostgresTextArray(queues))) AS q(queue)
            CROSS JOIN LATERAL (SELECT count(*) AS n, min(j.run_at) AS oldest FROM platform.jobs j WHERE j.queue = q.queue
                AND j.dispatched_at IS NULL AND j.state IN ('enqueued', 'retrying') AND j.run_at <= now()) AS waiting
            CROSS JOIN LATERAL (SELECT count(*) AS n, min(j.run_at) AS oldest FROM platform.jobs j WHERE j.queue = q.queue
                AND j.dispatched_at IS NOT NULL AND j.state IN ('enqueued', 'retrying') AND j.run_at <= now()) AS dispatched
            CROSS JOIN LATERAL (SELECT count(*) AS n FROM platform.jobs j WHERE j.queue = q.queue
                AND j.dispatched_at IS NOT NULL AND j.state = 'running') AS running
            CROSS JOIN LATERAL (SELECT count(*) AS n FROM platform.jobs j WHERE j.queue = q.queue AND j.state = 'dead') AS dead
            """, context: "jobs statistics")
        return try rows.map { row in
            QueueStatistics(
                queue: try row.decode(String.self, at: 0), ready: try row.decode(Int.self, at: 1),
                running: try row.decode(Int.self, at: 2), dead: try row.decode(Int.self, at: 3),
                oldestAge: try row.decode(Double.self, at: 4)
            )
        }
    }
}
