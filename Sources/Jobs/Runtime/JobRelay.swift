import Foundation
import Synchronization
import Logging
import Metrics
import Postgres
import Redis
import ServiceLifecycle

/// Moves committed jobs from PostgreSQL to their Redis streams. Every worker process runs one;
/// an advisory lock makes one of them the leader at a time. The leader wakes on NOTIFY (sent
/// when jobs are enqueued or finish) or every `pollInterval` (for jobs whose `run_at` came),
/// dispatches fairly under the per-member cap, and repairs what a Redis or worker loss left:
/// - Redis lost its data (its epoch key is gone): every dispatched, unclaimed job is
///   dispatched again;
/// - a job whose worker's lease expired is retried (or dead, after its last attempt);
/// - an entry never claimed is dispatched again.
final class JobRelay: Service, Sendable {
    static let leaderLockKey = 7_346_105_042_018

    let store: JobStore
    let streams: JobStreams
    let queues: [String]
    let configuration: JobsConfiguration
    let listener: PostgresListener
    private let repairCount = Atomic<Int>(0)
    let metrics: JobMetrics
    let logger: Logger

    init(
        postgres: PostgresClient, redis: RedisClient, queues: [String], configuration: JobsConfiguration,
        metrics: JobMetrics, logger: Logger
    ) throws {
        store = JobStore(client: postgres)
        streams = JobStreams(redis: redis)
        self.queues = queues
        self.configuration = configuration
        self.metrics = metrics
        self.logger = logger
        listener = PostgresListener(
            configuration: postgres.configuration, channels: [try PostgresIdentifier(JobEnqueuer.notificationChannel)], logger: logger
        )
    }

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try await self.leadIfPossible()
                } catch is CancellationError {
                    break
                } catch {
                    self.logger.warning("job relay interrupted; retrying", metadata: ["error": "\(error)"])
                }
                try? await Task.sleep(for: .seconds(1))
            }
        }
        await listener.shutdown()
    }

    /// Takes the leader lock (on the listener's own session) if free and relays until an error
    /// or shutdown; returns at once if another process leads. Leadership ends with the session.
    private func leadIfPossible() async throws {
        let (acquired, session) = try await listener.tryAdvisoryLock(Self.leaderLockKey)
        guard acquired else { return }
        logger.debug("this process relays jobs")
        try await streams.ensureGroups(queues)
        var lastCheck = ContinuousClock.now - .seconds(60)
        var lastRepair = ContinuousClock.now - .seconds(60)
        while !Task.isCancelled && listener.session == session {
            if ContinuousClock.now - lastCheck > .seconds(1) {
                let repair = ContinuousClock.now - lastRepair > .seconds(5)
                try await maintain(full: repair)
                lastCheck = ContinuousClock.now
                if repair { lastRepair = lastCheck }
            }
            let dispatched = try await dispatchOnce()
            if dispatched == 0 {
                do {
                    _ = try await listener.next(timeout: configuration.pollInterval)
                } catch {
                    logger.debug("job notifications interrupted", metadata: ["error": "\(error)"])
                    try await Task.sleep(for: configuration.pollInterval)
                }
            }
        }
    }

    /// One dispatch round; returns how many jobs went to their streams.
    func dispatchOnce() async throws -> Int {
        let candidates = try await store.dispatchable(queues: queues, cap: configuration.tenantCap, limit: 1_000)
        guard !candidates.isEmpty else { return 0 }
        // Marked first: once in the stream a job may be claimed, fail and be made dispatchable
        // again at once, which a later mark would undo. If the XADD fails, the marks are
        // cleared again (or, if that fails too, repaired once they are stale).
        try await store.markDispatched(candidates.map(\.id))
        do {
            try await streams.add(candidates)
        } catch {
            try? await store.unmarkDispatched(candidates.map(\.id))
            throw error
        }
        return candidates.count
    }

    private func maintain(full: Bool) async throws {
        if try await !streams.epochSurvived() {
            try await streams.ensureGroups(queues)
            let count = try await store.forgetDispatches(queues: queues)
            try await streams.markEpoch()
            if count > 0 {
                logger.warning("Redis holds no trace of earlier dispatches (first start or data loss); dispatching again", metadata: ["jobs": "\(count)"])
            }
        }
        guard full else { return }
        let stale = configuration.visibilityTimeout * 2
        // Every 60th repair (about every five minutes) also reads the whole table.
        let repairs = repairCount.add(1, ordering: .relaxed).newValue
        let (redispatched, lost) = try await store.reap(
            staleAfter: stale, leaseGrace: .seconds(1), waitingSince: try await streams.waitingSince(queues), thorough: repairs % 60 == 1
        )
        if redispatched > 0 || lost > 0 {
            logger.info("repaired jobs of lost workers or stream entries", metadata: ["redispatched": "\(redispatched)", "lost_attempts": "\(lost)"])
        }
        for statistics in try await store.statistics(queues: queues) {
            let gauges = metrics.queue(statistics.queue)
            gauges.depth.record(statistics.ready)
            gauges.running.record(statistics.running)
            gauges.dead.record(statistics.dead)
            gauges.oldestAge.record(statistics.oldestAge)
        }
    }
}
