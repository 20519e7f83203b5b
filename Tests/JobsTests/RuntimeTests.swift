import Foundation
@testable import Jobs
import Postgres
import Redis
import Synchronization
import Tenancy
import TenantStore
import TestSupport
import Testing

/// Fails while `failing` is set; counts its runs.
struct SwitchJob: JobHandler {
    struct Payload: Codable, Sendable {}
    static let kind = "tests.switch"
    static let queue = "tests"
    static let maxAttempts = 3
    final class Switch: Sendable {
        let on = Mutex(true)
    }
    let failing = Switch()
    let runs = Counter()

    func run(_ job: Job<Payload>) async throws {
        runs.increment()
        if failing.on.withLock({ $0 }) { throw LedgerJob.Failure(attempt: job.attempt) }
    }
}

@Suite("The job runtime against PostgreSQL and Redis")
struct RuntimeTests {
    @Test("jobs of several members run once each and are recorded as succeeded")
    func endToEnd() async throws {
        try await JobsTestPlatform.with { platform in
            try await platform.enqueueLedgerJobs(600)
            try await platform.withRuntime { _ in
                let done = try await platform.eventually { try await platform.allSucceeded(600) }
                #expect(done)
            }
            #expect(try await platform.count("SELECT count(DISTINCT job_id) FROM platform.job_ledger") == 600)
            #expect(try await platform.count("SELECT count(*) FROM platform.job_ledger") == 600)
            let members = try await platform.postgres.query("SELECT DISTINCT tenant_slug FROM platform.jobs ORDER BY 1")
                .map { try $0.decode(String.self, at: 0) }
            #expect(members == ["alpha", "beta", "gamma"])
        }
    }

    @Test("a failing job is retried with backoff, receives its attempt number, and succeeds")
    func retries() async throws {
        try await JobsTestPlatform.with { platform in
            try await platform.enqueueLedgerJobs(5, failUntilAttempt: 2)
            try await platform.withRuntime { _ in
                let done = try await platform.eventually { try await platform.allSucceeded(5) }
                #expect(done)
            }
            #expect(try await platform.count("SELECT count(*) FROM platform.jobs WHERE attempts = 3") == 5)
            // Every attempt ran and saw its number: 1, 2, 3.
            let attempts = try await platform.postgres.query("SELECT array_agg(attempt ORDER BY attempt)::text FROM platform.job_ledger GROUP BY job_id")
                .map { try $0.decode(String.self, at: 0) }
            #expect(attempts == Array(repeating: "{1,2,3}", count: 5))
        }
    }

    @Test("after its last attempt a job is dead with its error; a replay runs it again")
    func deadAndReplay() async throws {
        try await JobsTestPlatform.with { platform in
            let handler = SwitchJob()
            var registry = JobsTestPlatform.defaultRegistry
            registry.register(handler)
            let id = try await platform.postgres.withTransaction { connection in
                try await JobEnqueuer.enqueue(try NewJob(SwitchJob.self, .init(), tenant: platform.members[0]), on: connection)
            }
            let administration = JobAdministration(client: platform.postgres)
            try await platform.withRuntime(registry: registry) { _ in
                let isDead = try await platform.eventually(within: .seconds(15)) { try await administration.job(id)?.state == .dead }
                if !isDead {
                    let row = try await platform.postgres.query("SELECT state, attempts, run_at::text, dispatched_at::text, now()::text, worker, lease_until::text FROM platform.jobs").single()
                    let stream = try await platform.redis.send("XINFO", "STREAM", "mutualis:jobs:tests")
                    let groups = try await platform.redis.send("XINFO", "GROUPS", "mutualis:jobs:tests")
                    Issue.record("stuck: \(try row?.decode((String, Int, String, String?, String, String?, String?).self) as Any) stream=\(stream) groups=\(groups)")
                }
                #expect(isDead)
                let dead = try await administration.dead()
                #expect(dead.map(\.id) == [id])
                #expect(dead.first?.attempts == 3)
                #expect(dead.first?.lastError?.contains("diagnostic failure on attempt 3") == true)
                #expect(handler.runs.value == 3)
                handler.failing.on.withLock { $0 = false }
                try await administration.retry(id)
                #expect(try await platform.eventually { try await administration.job(id)?.state == .succeeded })
            }
            #expect(handler.runs.value == 4)
            await #expect(throws: JobError.self) { try await administration.cancel(id) }
            await #expect(throws: JobError.self) { try await administration.retry(424_242) }
        }
    }

    @Test("Redis restarted empty while jobs are pending: every job still completes")
    func redisLoss() async throws {
        try await JobsTestPlatform.with { platform in
            try await platform.enqueueLedgerJobs(400, sleepMilliseconds: 10)
            try await platform.withRuntime { _ in
                #expect(try await platform.eventually { try await platform.count("SELECT count(*) FROM platform.jobs WHERE state = 'succeeded'") >= 50 })
                try platform.redisServer.restart()
                #expect(try await platform.eventually { try await platform.allSucceeded(400) })
            }
            #expect(try await platform.count("SELECT count(DISTINCT job_id) FROM platform.job_ledger") == 400)
        }
    }

    @Test("a member's 10,000-job backlog does not hold back another member's single job")
    func fairness() async throws {
        try await JobsTestPlatform.with { platform in
            let payload = try PostgresJSON(encoding: LedgerJob.Payload())
            _ = try await platform.postgres.withTransaction { connection in
                try await JobEnqueuer.enqueueMany(
                    queue: LedgerJob.queue, kind: LedgerJob.kind, tenants: Array(repeating: "alpha", count: 10_000),
                    payloads: Array(repeating: payload, count: 10_000), on: connection
                )
            }
            var configuration = JobsTestPlatform.fastConfiguration
            configuration.concurrency = 8
            try await platform.withRuntime(configuration: configuration) { _ in
                #expect(try await platform.eventually { try await platform.count("SELECT count(*) FROM platform.jobs WHERE state = 'succeeded'") >= 200 })
                let single = try await platform.postgres.withTransaction { connection in
                    try await JobEnqueuer.enqueue(try NewJob(LedgerJob.self, .init(), tenant: platform.members[1]), on: connection)
                }
                #expect(try await platform.eventually { try await JobAdministration(client: platform.postgres).job(single)?.state == .succeeded })
                // When beta's job was done, alpha's backlog was still mostly there.
                let alphaLeft = try await platform.count("SELECT count(*) FROM platform.jobs WHERE tenant_slug = 'alpha' AND state <> 'succeeded'")
                #expect(alphaLeft > 5_000, "alpha had \(alphaLeft) jobs left")
            }
        }
    }

    @Test("graceful shutdown gives back jobs still running after the deadline, without counting the attempt")
    func gracefulShutdown() async throws {
        try await JobsTestPlatform.with { platform in
            try await platform.enqueueLedgerJobs(4, sleepMilliseconds: 30_000)
            try await platform.withRuntime { _ in
                let done = try await platform.eventually { try await platform.count("SELECT count(*) FROM platform.jobs WHERE state = 'running'") == 4 }
                #expect(done)
            }
            // Given back: waiting again (the relay, still running while the worker stops, may
            // already have put them back in the stream), and the attempt does not count.
            let states = try await platform.postgres.query("SELECT state, attempts, worker FROM platform.jobs")
                .map { try $0.decode((String, Int, String?).self) }
            #expect(states.count == 4)
            #expect(states.allSatisfy { $0.0 == "enqueued" && $0.1 == 0 && $0.2 == nil }, "\(states)")
            #expect(try await platform.count("SELECT count(*) FROM platform.job_ledger") == 0)
        }
    }
}

/// Hangs on its first attempt (ignoring cancellation if told to), succeeds on the next.
struct HangingJob: JobHandler {
    struct Payload: Codable, Sendable {
        var ignoresCancellation: Bool
    }
    static let kind = "tests.hanging"
    static let queue = "tests"
    static let maxAttempts = 3
    static let deadline: Duration = .seconds(1)

    func run(_ job: Job<Payload>) async throws {
        if job.attempt == 1 {
            if job.payload.ignoresCancellation {
                await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                    DispatchQueue.global().asyncAfter(deadline: .now() + 30) { continuation.resume() }
                }
            } else {
                try await Task.sleep(for: .seconds(30))
            }
        }
        try await job.withPlatform { connection in
            try await connection.query("INSERT INTO platform.job_ledger (job_id, attempt, worker) VALUES (\(job.id), \(job.attempt), \(job.worker))")
        }
    }
}

@Suite("Job deadlines")
struct DeadlineTests {
    @Test("an attempt past its kind’s deadline is cancelled, recorded as failed and retried, even one that ignores its cancellation")
    func deadline() async throws {
        try await JobsTestPlatform.with { platform in
            var registry = JobsTestPlatform.defaultRegistry
            registry.register(HangingJob())
            var configuration = JobsTestPlatform.fastConfiguration
            configuration.visibilityTimeout = .seconds(3)
            let (cooperative, stubborn) = try await platform.postgres.withTransaction { connection in
                (try await JobEnqueuer.enqueue(try NewJob(HangingJob.self, .init(ignoresCancellation: false), tenant: platform.members[0]), on: connection),
                 try await JobEnqueuer.enqueue(try NewJob(HangingJob.self, .init(ignoresCancellation: true), tenant: platform.members[1]), on: connection))
            }
            try await platform.withRuntime(registry: registry, configuration: configuration) { _ in
                let done = try await platform.eventually(within: .seconds(25)) {
                    try await platform.count("SELECT count(*) FROM platform.jobs WHERE state = 'succeeded'") == 2
                }
                #expect(done)
            }
            // The cooperative attempt was cancelled and recorded with the deadline as its error.
            let errors = try await platform.postgres.query("SELECT id, attempts FROM platform.jobs ORDER BY id").map { try $0.decode((Int, Int).self) }
            #expect(errors.map(\.1) == [2, 2])
            #expect(errors.map(\.0) == [cooperative, stubborn])
            // Each job's second attempt, and only it, reached the ledger.
            #expect(try await platform.count("SELECT count(*) FROM platform.job_ledger WHERE attempt = 2") == 2)
            #expect(try await platform.count("SELECT count(*) FROM platform.job_ledger WHERE attempt = 1") == 0)
        }
    }
}

/// A job of the billing module (for the module gate).
struct BillingProbeJob: JobHandler {
    struct Payload: Codable, Sendable {}
    static let kind = "tests.billing-probe"
    static let queue = "tests"
    func run(_ job: Job<Payload>) async throws {
        try await job.withPlatform { connection in
            try await connection.query("INSERT INTO platform.job_ledger (job_id, attempt, worker) VALUES (\(job.id), \(job.attempt), \(job.worker))")
        }
    }
}

@Suite("Module gate for jobs")
struct ModuleGateJobTests {
    @Test("a job of a module its member has not enabled does not run: it is cancelled with the reason; a consortium job runs")
    func gate() async throws {
        try await JobsTestPlatform.with { platform in
            var registry = JobsTestPlatform.defaultRegistry
            registry.registering(module: .billing) { $0.register(BillingProbeJob()) }
            try await platform.postgres.query("UPDATE platform.tenants SET modules = array_append(modules, 'billing') WHERE slug = 'beta'")
            let ids = try await platform.postgres.withTransaction { connection in
                [try await JobEnqueuer.enqueue(try NewJob(BillingProbeJob.self, .init(), tenant: platform.members[0]), on: connection),
                 try await JobEnqueuer.enqueue(try NewJob(BillingProbeJob.self, .init(), tenant: platform.members[1]), on: connection),
                 try await JobEnqueuer.enqueue(try NewJob(BillingProbeJob.self, .init(), tenant: nil), on: connection)]
            }
            try await platform.withRuntime(registry: registry) { _ in
                let done = try await platform.eventually {
                    try await platform.count("SELECT count(*) FROM platform.jobs WHERE state IN ('succeeded', 'cancelled')") == 3
                }
                #expect(done)
            }
            let states = try await platform.postgres.query("SELECT state, coalesce(last_error, '') FROM platform.jobs ORDER BY id")
                .map { try $0.decode((String, String).self) }
            #expect(states[0].0 == "cancelled" && states[0].1.contains("alpha has not enabled the module billing"))
            #expect(states[1].0 == "succeeded" && states[2].0 == "succeeded")
            #expect(try await platform.count("SELECT count(*) FROM platform.job_ledger WHERE job_id = \(ids[0])") == 0)
        }
    }
}
