import Foundation
@testable import Jobs
import Postgres
import Synchronization
import TestSupport
import Testing

/// Counts how many of its jobs run at once, across the three queues below.
final class Occupancy: Sendable {
    let state = Mutex((running: 0, most: 0, done: 0))

    func run() async throws {
        state.withLock { $0.running += 1; $0.most = max($0.most, $0.running) }
        try await Task.sleep(for: .milliseconds(60))
        state.withLock { $0.running -= 1; $0.done += 1 }
    }
}

struct QueueAJob: JobHandler {
    struct Payload: Codable, Sendable {}
    static let kind = "tests.queue-a"
    static let queue = "tests-a"
    let occupancy: Occupancy
    func run(_ job: Job<Payload>) async throws { try await occupancy.run() }
}

struct QueueBJob: JobHandler {
    struct Payload: Codable, Sendable {}
    static let kind = "tests.queue-b"
    static let queue = "tests-b"
    let occupancy: Occupancy
    func run(_ job: Job<Payload>) async throws { try await occupancy.run() }
}

struct QueueCJob: JobHandler {
    struct Payload: Codable, Sendable {}
    static let kind = "tests.queue-c"
    static let queue = "tests-c"
    let occupancy: Occupancy
    func run(_ job: Job<Payload>) async throws { try await occupancy.run() }
}

@Suite("Worker concurrency")
struct ConcurrencyTests {
    @Test("a worker runs at most `concurrency` jobs at once, however many queues it reads")
    func acrossQueues() async throws {
        try await JobsTestPlatform.with { platform in
            let occupancy = Occupancy()
            var registry = JobsTestPlatform.defaultRegistry
            registry.register(QueueAJob(occupancy: occupancy))
            registry.register(QueueBJob(occupancy: occupancy))
            registry.register(QueueCJob(occupancy: occupancy))
            try await platform.postgres.withTransaction { connection in
                for member in platform.members {
                    for _ in 0..<4 {
                        _ = try await JobEnqueuer.enqueue(try NewJob(QueueAJob.self, .init(), tenant: member), on: connection)
                        _ = try await JobEnqueuer.enqueue(try NewJob(QueueBJob.self, .init(), tenant: member), on: connection)
                        _ = try await JobEnqueuer.enqueue(try NewJob(QueueCJob.self, .init(), tenant: member), on: connection)
                    }
                }
            }
            var configuration = JobsTestPlatform.fastConfiguration
            configuration.concurrency = 4
            try await platform.withRuntime(registry: registry, configuration: configuration) { _ in
                let done = try await platform.eventually { occupancy.state.withLock { $0.done } == 36 }
                #expect(done)
            }
            let most = occupancy.state.withLock { $0.most }
            #expect(most <= 4, "at most 4 at once, saw \(most)")
            #expect(most >= 2, "and they did run side by side")
            #expect(try await platform.count("SELECT count(*) FROM platform.jobs WHERE kind LIKE 'tests.queue-%' AND attempts = 1 AND state = 'succeeded'") == 36)
        }
    }
}
