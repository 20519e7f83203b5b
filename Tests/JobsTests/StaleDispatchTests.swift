import Foundation
@testable import Jobs
import Postgres
import Redis
import TestSupport
import Testing

@Suite("Dispatched but never claimed")
struct StaleDispatchTests {
    @Test("the streams say since when entries wait unread, per queue")
    func waiting() async throws {
        try await JobsTestPlatform.with { platform in
            let streams = JobStreams(redis: platform.redis)
            try await streams.ensureGroups(["stale-a", "stale-b"])
            #expect(try await streams.waitingSince(["stale-a", "stale-b"]).isEmpty)
            let before = Date().addingTimeInterval(-1)
            try await streams.add((1...3).map { DispatchCandidate(id: $0, queue: "stale-a", tenant: "alpha", kind: "k") })
            _ = try await streams.read(consumer: "c1", queues: ["stale-a"], count: 1, block: .milliseconds(10))
            let waiting = try await streams.waitingSince(["stale-a", "stale-b"])
            #expect(waiting.keys.sorted() == ["stale-a"], "two entries of stale-a wait; stale-b is empty")
            #expect(try #require(waiting["stale-a"]) >= before)
            _ = try await streams.read(consumer: "c1", queues: ["stale-a"], count: 10, block: .milliseconds(10))
            #expect(try await streams.waitingSince(["stale-a"]).isEmpty, "all delivered: nothing waits")
        }
    }

    @Test("a job whose entry may still be waiting in its stream is not dispatched a second time; a lost one is")
    func reap() async throws {
        try await JobsTestPlatform.with { platform in
            try await platform.enqueueLedgerJobs(2)
            try await platform.postgres.query("UPDATE platform.jobs SET dispatched_at = now() - interval '300 seconds'")
            let store = JobStore(client: platform.postgres)
            let queue = LedgerJob.queue
            // The oldest unread entry of the queue is older than these dispatches: they may be in the backlog.
            let waiting = try await store.reap(staleAfter: .seconds(120), leaseGrace: .seconds(1), waitingSince: [queue: Date().addingTimeInterval(-400)])
            #expect(waiting.redispatched == 0)
            // Everything unread is newer than these dispatches (or nothing waits): their entries were lost.
            let newer = try await store.reap(staleAfter: .seconds(120), leaseGrace: .seconds(1), waitingSince: [queue: Date().addingTimeInterval(-10)])
            #expect(newer.redispatched == 2)
            try await platform.postgres.query("UPDATE platform.jobs SET dispatched_at = now() - interval '300 seconds'")
            let nothingWaits = try await store.reap(staleAfter: .seconds(120), leaseGrace: .seconds(1))
            #expect(nothingWaits.redispatched == 2)
        }
    }

    @Test("the frequent repair finds lost workers' jobs through the in-flight index; the rare thorough one finds any")
    func lostWorkers() async throws {
        try await JobsTestPlatform.with { platform in
            try await platform.enqueueLedgerJobs(2)
            try await platform.postgres.query("""
                UPDATE platform.jobs SET state = 'running', attempts = 1, worker = 'gone', lease_until = now() - interval '1 minute',
                    dispatched_at = CASE WHEN id = (SELECT min(id) FROM platform.jobs) THEN now() ELSE NULL END
                """)
            let store = JobStore(client: platform.postgres)
            #expect(try await store.reap(staleAfter: .seconds(120), leaseGrace: .seconds(1), thorough: false).lost == 1)
            #expect(try await store.reap(staleAfter: .seconds(120), leaseGrace: .seconds(1), thorough: true).lost == 1)
            #expect(try await platform.count("SELECT count(*) FROM platform.jobs WHERE state = 'retrying'") == 2)
        }
    }
}
