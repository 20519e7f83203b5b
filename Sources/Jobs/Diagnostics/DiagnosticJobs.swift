import Foundation
import Logging
import Postgres
import TenantStore

/// Does nothing: measures the runtime itself (`Ops/bench/jobs`).
public struct NoopJob: JobHandler {
    public struct Payload: Codable, Sendable {
        public init() {}
    }
    public static let kind = "diagnostics.noop"
    public static let queue = "diagnostics"
    public init() {}
    public func run(_ job: Job<Payload>) async throws {}
}

/// Records each execution in `platform.job_ledger` (in its own transaction, before the outcome
/// is recorded, as any handler's side effect would be), optionally after sleeping and failing
/// its first attempts: counts lost and repeated executions (`Ops/chaos/jobs`, tests).
public struct LedgerJob: JobHandler {
    public struct Payload: Codable, Sendable {
        public var sleepMilliseconds: Int
        /// Attempts up to this one fail after recording.
        public var failUntilAttempt: Int
        /// Sleeps through cancellation, like a handler stuck in a call that ignores it (tests
        /// that a worker still exits on SIGTERM). Absent means false.
        public var ignoresCancellation: Bool?

        public init(sleepMilliseconds: Int = 0, failUntilAttempt: Int = 0, ignoresCancellation: Bool = false) {
            self.sleepMilliseconds = sleepMilliseconds
            self.failUntilAttempt = failUntilAttempt
            self.ignoresCancellation = ignoresCancellation ? true : nil
        }
    }

    public struct Failure: Error, CustomStringConvertible {
        public var attempt: Int
        public var description: String { "diagnostic failure on attempt \(attempt)" }
    }

    public static let kind = "diagnostics.ledger"
    public static let queue = "diagnostics"
    public init() {}

    public func run(_ job: Job<Payload>) async throws {
        if job.payload.sleepMilliseconds > 0 {
            if job.payload.ignoresCancellation == true {
                await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                    DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(job.payload.sleepMilliseconds)) { continuation.resume() }
                }
            } else {
                try await Task.sleep(for: .milliseconds(job.payload.sleepMilliseconds))
            }
        }
        try await job.withPlatform { connection in
            try await connection.query(
                "INSERT INTO platform.job_ledger (job_id, attempt, worker) VALUES (\(job.id), \(job.attempt), \(job.worker))"
            )
        }
        if job.attempt <= job.payload.failUntilAttempt { throw Failure(attempt: job.attempt) }
    }
}

/// Deletes finished jobs and diagnostic ledger rows older than `days` (a nightly schedule).
public struct PurgeFinishedJobs: JobHandler {
    public struct Payload: Codable, Sendable {
        public var days: Int
        public init(days: Int = 7) { self.days = days }
    }
    public static let kind = "jobs.purge"
    public static let queue = "maintenance"
    public init() {}

    public func run(_ job: Job<Payload>) async throws {
        let removed = try await JobAdministration(client: job.store.client).purge(olderThan: .seconds(86_400 * max(1, job.payload.days)))
        job.logger.info("purged finished jobs", metadata: ["removed": "\(removed)"])
    }
}
