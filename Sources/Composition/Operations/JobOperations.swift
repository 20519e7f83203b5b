import Foundation
import Jobs
import Postgres
import Tenancy

/// `mutualis jobs …`: what operators do with jobs.
extension Operations {
    public func deadJobs(queue: String?, limit: Int) async throws {
        try await withOwnerClient { client in
            let jobs = try await JobAdministration(client: client).dead(queue: queue, limit: limit)
            let rows = jobs.map { job in
                [String(job.id), job.queue, job.kind, job.tenant ?? "—", "\(job.attempts)/\(job.maxAttempts)",
                 job.finishedAt.map { ISO8601DateFormatter().string(from: $0) } ?? "—", String((job.lastError ?? "").prefix(120))]
            }
            output(Table.render(header: ["ID", "QUEUE", "KIND", "MEMBER", "ATTEMPTS", "DIED", "LAST ERROR"], rows: rows))
        }
    }

    public func retryJob(_ id: Int) async throws {
        try await withOwnerClient { client in
            try await JobAdministration(client: client).retry(id)
            output("job \(id) enqueued again")
        }
    }

    public func retryDeadJobs(queue: String?) async throws {
        try await withOwnerClient { client in
            let count = try await JobAdministration(client: client).retryAllDead(queue: queue)
            output("\(count) dead job(s) enqueued again")
        }
    }

    public func cancelJob(_ id: Int) async throws {
        try await withOwnerClient { client in
            try await JobAdministration(client: client).cancel(id)
            output("job \(id) cancelled")
        }
    }

    public func jobStatistics() async throws {
        try await withOwnerClient { client in
            let counts = try await JobAdministration(client: client).counts()
            output(Table.render(header: ["QUEUE", "STATE", "JOBS"], rows: counts.map { [$0.queue, $0.state, String($0.count)] }))
        }
    }

    /// Diagnostics: enqueues `count` jobs of `kind` spread over the active members.
    public func loadJobs(count: Int, ledger: Bool, sleepMilliseconds: Int, failUntilAttempt: Int) async throws {
        try await withOwnerClient { client in
            let members = try await client.query("SELECT slug FROM platform.tenants WHERE status = 'active' ORDER BY slug")
                .map { try $0.decode(String.self, at: 0) }
            let payload = ledger
                ? try PostgresJSON(encoding: LedgerJob.Payload(sleepMilliseconds: sleepMilliseconds, failUntilAttempt: failUntilAttempt))
                : try PostgresJSON(encoding: NoopJob.Payload())
            var enqueued = 0
            while enqueued < count {
                let batch = min(5_000, count - enqueued)
                let tenants: [String?] = (0..<batch).map { index in members.isEmpty ? nil : members[(enqueued + index) % members.count] }
                _ = try await client.withTransaction { connection in
                    try await JobEnqueuer.enqueueMany(
                        queue: ledger ? LedgerJob.queue : NoopJob.queue, kind: ledger ? LedgerJob.kind : NoopJob.kind,
                        tenants: tenants, payloads: Array(repeating: payload, count: batch), on: connection
                    )
                }
                enqueued += batch
            }
            output("enqueued \(enqueued) \(ledger ? LedgerJob.kind : NoopJob.kind) job(s) over \(max(members.count, 1)) member(s)")
        }
    }
}
