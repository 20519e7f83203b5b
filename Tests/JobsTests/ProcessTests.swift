import Foundation
@testable import Jobs
import Postgres
import Tenancy
import TestSupport
import Testing

@Suite("Worker processes", .serialized)
struct ProcessTests {
    var binary: URL { TestEnvironment.repositoryRoot.appendingPathComponent(".build/debug/mutualis") }

    func environment(_ platform: JobsTestPlatform) throws -> [String: String] {
        [
            "MUTUALIS_DATABASE_URL": platform.database.url,
            "MUTUALIS_REDIS_URL": platform.redisServer.url,
            "MUTUALIS_MIGRATIONS_DIR": TestEnvironment.repositoryRoot.appendingPathComponent("Migrations").path,
            "MUTUALIS_TENANTS_DIR": TestEnvironment.repositoryRoot.appendingPathComponent("Tenants").path,
            "MUTUALIS_WORKER_HTTP_PORT": String(try FreePort.find()),
            "MUTUALIS_JOBS_VISIBILITY_SECONDS": "2",
            "MUTUALIS_JOBS_CONCURRENCY": "8",
            "MUTUALIS_DB_PIPELINE_CONNECTIONS": "0",
            "MUTUALIS_LOG_LEVEL": "error",
        ]
    }

    @Test("kill -9 of a worker in the middle of jobs: every job completes (duplicates reported)")
    func killedWorker() async throws {
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            Issue.record("\(binary.path) is missing: build the package first (Ops/test does)")
            return
        }
        try await JobsTestPlatform.with { platform in
            try await platform.enqueueLedgerJobs(300, sleepMilliseconds: 40)
            let first = try ChildProcess([binary.path, "work"], environment: try environment(platform), quiet: true)
            let started = try await platform.eventually {
                try await platform.count("SELECT count(*) FROM platform.jobs WHERE state = 'succeeded'") >= 30
            }
            #expect(started)
            first.kill(SIGKILL)
            first.wait()
            let running = try await platform.count("SELECT count(*) FROM platform.jobs WHERE state = 'running'")
            let second = try ChildProcess([binary.path, "work"], environment: try environment(platform), quiet: true)
            let finished = try await platform.eventually(within: .seconds(90)) { try await platform.allSucceeded(300) }
            second.kill(SIGTERM)
            #expect(second.wait() == 0)
            #expect(finished)
            #expect(try await platform.count("SELECT count(DISTINCT job_id) FROM platform.job_ledger") == 300)
            let executions = try await platform.count("SELECT count(*) FROM platform.job_ledger")
            print("killed worker: \(running) job(s) were running when it died; \(executions - 300) duplicate execution(s) of 300 jobs")
            // At least once: a job killed mid-run may have run twice, never zero times.
            #expect(executions >= 300)
        }
    }

    @Test("SIGTERM while a handler ignores cancellation: the worker still exits, within its bounds")
    func stuckHandler() async throws {
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            Issue.record("\(binary.path) is missing: build the package first (Ops/test does)")
            return
        }
        try await JobsTestPlatform.with { platform in
            let payload = try PostgresJSON(encoding: LedgerJob.Payload(sleepMilliseconds: 120_000, ignoresCancellation: true))
            _ = try await platform.postgres.withTransaction { connection in
                try await JobEnqueuer.enqueueMany(
                    queue: LedgerJob.queue, kind: LedgerJob.kind, tenants: [platform.members[0].rawValue], payloads: [payload], on: connection
                )
            }
            var environment = try environment(platform)
            environment["MUTUALIS_JOBS_SHUTDOWN_SECONDS"] = "1"
            let worker = try ChildProcess([binary.path, "work"], environment: environment, quiet: true)
            let running = try await platform.eventually { try await platform.count("SELECT count(*) FROM platform.jobs WHERE state = 'running'") == 1 }
            #expect(running)
            let stopping = ContinuousClock.now
            worker.kill(SIGTERM)
            // Bounds: 1 s for the job, 4 s more for the graceful stop, 4 s for cancellation.
            let status = await worker.wait(atMost: .seconds(30))
            if status == nil { worker.kill(SIGKILL); worker.wait() }
            #expect(status != nil, "the worker was still running 30 s after SIGTERM")
            #expect(ContinuousClock.now - stopping < .seconds(20))
            // The job did not succeed; its lease lets another worker take it.
            #expect(try await platform.count("SELECT count(*) FROM platform.jobs WHERE state = 'succeeded'") == 0)
        }
    }
}
