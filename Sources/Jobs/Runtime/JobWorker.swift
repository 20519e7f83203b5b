import Foundation
import Logging
import Metrics
import Postgres
import Redis
import ServiceLifecycle
import Synchronization
import Tenancy
import TenantStore

/// Runs jobs: reads job ids from the streams (`XREADGROUP`), claims them in PostgreSQL, runs
/// their handlers (at most `concurrency` at once), records each outcome in PostgreSQL, then
/// acknowledges the entry (`XACK`, `XDEL`). Entries of a worker that died are taken over after
/// the visibility timeout (`XAUTOCLAIM`). On graceful shutdown it stops reading, lets in-flight
/// jobs finish within the deadline, and gives back the ones that did not.
final class JobWorker: Service, Sendable {
    struct InFlight: Sendable {
        var entry: StreamEntry
        var attempt: Int
        /// Past it the attempt is cancelled and its lease no longer extended.
        var deadline: ContinuousClock.Instant
        /// Cancels the attempt and settles it as failed (set once its task exists).
        var abandon: (@Sendable () -> Void)?
        var expired = false
    }

    struct State: Sendable {
        var inFlight: [Int: InFlight] = [:]
        var succeeded: [(id: Int, entry: StreamEntry)] = []
        var stopping = false
    }

    let consumer: String
    let store: JobStore
    let streams: JobStreams
    let registry: JobRegistry
    let tenantStore: TenantStore
    let queues: [String]
    let configuration: JobsConfiguration
    let metrics: JobMetrics
    let logger: Logger
    let random: @Sendable () -> Double
    private let state = Mutex(State())
    /// Wakes the flush loop: a success is waiting to be recorded.
    private let completions: AsyncStream<Void>
    private let completed: AsyncStream<Void>.Continuation
    /// Wakes the read loop: a slot is free (or it is time to stop).
    private let slots: AsyncStream<Void>
    private let slotFreed: AsyncStream<Void>.Continuation

    init(
        consumer: String, postgres: PostgresClient, redis: RedisClient, registry: JobRegistry, queues: [String],
        configuration: JobsConfiguration, metrics: JobMetrics, logger: Logger,
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.consumer = consumer
        store = JobStore(client: postgres)
        streams = JobStreams(redis: redis)
        tenantStore = TenantStore(client: postgres)
        self.registry = registry
        self.queues = queues
        self.configuration = configuration
        self.metrics = metrics
        var logger = logger
        logger[metadataKey: "worker"] = .string(consumer)
        self.logger = logger
        self.random = random
        (completions, completed) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        (slots, slotFreed) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    var inFlightCount: Int { state.withLock { $0.inFlight.count } }

    func run() async throws {
        do {
            try await streams.ensureGroups(queues)
        } catch {
            logger.warning("could not create the job streams yet", metadata: ["error": "\(error)"])
        }
        await withGracefulShutdownHandler {
            await withTaskGroup(of: Void.self) { background in
                background.addTask { await self.flushLoop() }
                background.addTask { await self.heartbeatLoop() }
                background.addTask { await self.deadlineLoop() }
                await self.work()
                // Handlers are done: record what is left, then stop the background loops.
                self.completed.finish()
                await background.next()
                background.cancelAll()
            }
        } onGracefulShutdown: {
            self.state.withLock { $0.stopping = true }
            self.slotFreed.yield()
        }
    }

    private var stopping: Bool { state.withLock { $0.stopping } }

    /// Reads, claims and starts jobs until asked to stop, then waits for the deadline.
    private func work() async {
        await withDiscardingTaskGroup { handlers in
            var lastAutoclaim = ContinuousClock.now
            // Redis counts per stream: reading several queues can bring more entries than free
            // slots. The extra ones wait here (they are this consumer's in Redis) for a slot.
            var waiting: [StreamEntry] = []
            while !stopping {
                let free = configuration.concurrency - inFlightCount
                if free <= 0 {
                    for await _ in slots { break }
                    continue
                }
                do {
                    var entries: [StreamEntry] = []
                    if !waiting.isEmpty {
                        entries = Array(waiting.prefix(free))
                        waiting.removeFirst(entries.count)
                    } else {
                        if ContinuousClock.now - lastAutoclaim > configuration.visibilityTimeout / 2 {
                            lastAutoclaim = ContinuousClock.now
                            for queue in queues {
                                entries += try await streams.autoclaim(
                                    consumer: consumer, queue: queue, minIdle: configuration.visibilityTimeout, count: free
                                )
                            }
                        }
                        if entries.isEmpty {
                            entries = try await streams.read(consumer: consumer, queues: queues, count: free, block: .seconds(1))
                        }
                        if entries.count > free {
                            waiting = Array(entries[free...])
                            entries = Array(entries[..<free])
                        }
                    }
                    guard !entries.isEmpty else { continue }
                    for (job, entry) in try await claim(entries) {
                        handlers.addTask { await self.execute(job, entry: entry) }
                    }
                } catch let error as RedisError where error.code == .server && error.message.hasPrefix("NOGROUP") {
                    logger.warning("job streams vanished (Redis lost its data); recreating them")
                    try? await streams.ensureGroups(queues)
                } catch {
                    logger.warning("could not fetch jobs; retrying", metadata: ["error": "\(error)"])
                    try? await Task.sleep(for: .seconds(1))
                }
            }
            let deadline = ContinuousClock.now + configuration.shutdownDeadline
            while inFlightCount > 0 && ContinuousClock.now < deadline {
                try? await Task.sleep(for: .milliseconds(50))
            }
            if inFlightCount > 0 {
                logger.warning("shutdown deadline reached; giving back unfinished jobs", metadata: ["jobs": "\(inFlightCount)"])
                handlers.cancelAll()
            }
        }
    }

    /// Claims the entries' jobs; acknowledges entries whose job is not (or no longer) to run.
    private func claim(_ entries: [StreamEntry]) async throws -> [(ClaimedJob, StreamEntry)] {
        // An entry of a job this process is running (its own, claimed back by XAUTOCLAIM after a
        // long run) is left to that run, which acknowledges it: claiming it again would count
        // an attempt that is not one.
        let entries = state.withLock { state in entries.filter { state.inFlight[$0.jobID] == nil } }
        guard !entries.isEmpty else { return [] }
        let claimed = try await store.claim(entries.map(\.jobID), worker: consumer, lease: configuration.visibilityTimeout)
        let byID = Dictionary(claimed.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var started: [(ClaimedJob, StreamEntry)] = []
        var stale: [StreamEntry] = []
        state.withLock { state in
            for entry in entries {
                if let job = byID[entry.jobID], state.inFlight[job.id] == nil {
                    let deadline = ContinuousClock.now + (registry.entry(job.kind)?.deadline ?? .seconds(300))
                    state.inFlight[job.id] = InFlight(entry: entry, attempt: job.attempt, deadline: deadline)
                    started.append((job, entry))
                } else {
                    stale.append(entry)
                }
            }
        }
        if !stale.isEmpty { try? await streams.acknowledge(stale) }
        return started
    }

    private func execute(_ job: ClaimedJob, entry: StreamEntry) async {
        let queueMetrics = metrics.queue(job.queue)
        var logger = logger
        logger[metadataKey: "job"] = .stringConvertible(job.id)
        logger[metadataKey: "job_kind"] = .string(job.kind)
        if let tenant = job.tenant { logger[metadataKey: "tenant"] = .string(tenant.rawValue) }
        let started = ContinuousClock.now
        if let module = registry.entry(job.kind)?.module, let tenant = job.tenant, !job.tenantModules.contains(module.rawValue) {
            logger.info("job cancelled: its member has not enabled its module", metadata: ["module": "\(module.rawValue)"])
            do {
                try await store.cancel(job.id, worker: consumer, reason: "\(tenant) has not enabled the module \(module.rawValue)")
                try await streams.acknowledge([entry])
            } catch {
                logger.warning("could not cancel a job of a disabled module", metadata: ["error": "\(error)"])
            }
            finish(job.id)
            return
        }
        do {
            guard let handler = registry.entry(job.kind) else { throw JobError.unknownKind(job.kind) }
            let (tenantStore, consumer, handlerLogger) = (tenantStore, consumer, logger)
            // Its own task, so that `deadlineLoop` can cancel it and settle the attempt without
            // waiting for a handler that ignores its cancellation.
            let attempt = AttemptOutcome()
            let task = Task {
                do {
                    try await handler.run(job.id, job.attempt, job.maxAttempts, job.tenant, job.payload, handlerLogger, tenantStore, consumer)
                    attempt.settle(.success(()))
                } catch {
                    attempt.settle(.failure(error))
                }
            }
            state.withLock { $0.inFlight[job.id]?.abandon = {
                task.cancel()
                attempt.settle(.failure(JobDeadlineExceeded(kind: job.kind, deadline: handler.deadline)))
            } }
            try await withTaskCancellationHandler { await attempt.wait() } onCancel: { task.cancel() }.get()
            queueMetrics.runTime.recordNanoseconds(Int64((ContinuousClock.now - started).nanoseconds))
            queueMetrics.succeeded.increment()
            state.withLock { $0.succeeded.append((job.id, entry)) }
            completed.yield()
            return
        } catch {
            if stopping && (error is CancellationError || Task.isCancelled) {
                // This task is cancelled: give the job back from a task that is not.
                let (store, streams, consumer, logger) = (store, streams, consumer, logger)
                await Task {
                    do {
                        try await store.release([job.id], worker: consumer)
                        try await streams.acknowledge([entry])
                    } catch {
                        logger.warning("could not give a job back; it will be retried after its lease", metadata: ["error": "\(error)"])
                    }
                }.value
                finish(job.id)
                return
            }
            queueMetrics.failures.increment()
            let outcome = JobLifecycle.afterFailure(
                attempt: job.attempt, maxAttempts: job.maxAttempts, now: Date(), policy: configuration.retryPolicy, random: random(),
                permanent: error is PermanentJobFailure, schedule: registry.entry(job.kind)?.retryDelays
            )
            switch outcome {
            case .retry(let at):
                queueMetrics.retries.increment()
                logger.warning("job failed; will retry", metadata: [
                    "attempt": "\(job.attempt)/\(job.maxAttempts)", "retry_at": "\(at)", "error": "\(error)",
                ])
            case .dead:
                queueMetrics.died.increment()
                logger.error("job failed its last attempt", metadata: ["attempt": "\(job.attempt)", "error": "\(error)"])
            }
            do {
                try await store.fail(job.id, attempt: job.attempt, worker: consumer, outcome: outcome, error: "\(error)")
                try await streams.acknowledge([entry])
            } catch {
                logger.warning("could not record a failure; the job will run again after its lease", metadata: ["error": "\(error)"])
            }
            finish(job.id)
        }
    }

    private func finish(_ id: Int) {
        state.withLock { _ = $0.inFlight.removeValue(forKey: id) }
        slotFreed.yield()
    }

    /// Records successes in batches (whatever finished while the previous batch was written).
    private func flushLoop() async {
        for await _ in completions {
            await flush()
        }
        await flush()
    }

    private func flush() async {
        let batch = state.withLock { state -> [(id: Int, entry: StreamEntry)] in
            defer { state.succeeded.removeAll(keepingCapacity: true) }
            return state.succeeded
        }
        guard !batch.isEmpty else { return }
        var attempts = 0
        while true {
            do {
                try await store.succeed(batch.map(\.id), worker: consumer)
                break
            } catch {
                attempts += 1
                guard attempts < 20 else {
                    logger.error("could not record successes; these jobs will run again after their lease", metadata: ["error": "\(error)"])
                    break
                }
                try? await Task.sleep(for: .milliseconds(250))
            }
        }
        do {
            try await streams.acknowledge(batch.map(\.entry))
        } catch {
            logger.warning("could not acknowledge stream entries (the jobs are recorded)", metadata: ["error": "\(error)"])
        }
        state.withLock { state in
            for item in batch { state.inFlight.removeValue(forKey: item.id) }
        }
        slotFreed.yield()
    }

    /// Abandons the attempts that ran past their kind's deadline (once a second): each is
    /// cancelled and recorded as failed with `JobDeadlineExceeded` (retried with backoff), and its
    /// slot is freed at once, even if its handler ignores the cancellation and runs on.
    private func deadlineLoop() async {
        while !Task.isCancelled {
            try? await Task.sleep(for: .seconds(1))
            let now = ContinuousClock.now
            let expired = state.withLock { state in
                state.inFlight.compactMap { id, job -> (@Sendable () -> Void)? in
                    guard job.deadline <= now, !job.expired else { return nil }
                    state.inFlight[id]?.expired = true
                    return job.abandon
                }
            }
            if !expired.isEmpty { logger.warning("abandoning jobs past their deadline", metadata: ["jobs": "\(expired.count)"]) }
            for abandon in expired { abandon() }
        }
    }

    /// Extends the leases of running jobs, so that long jobs are not taken over; not those of
    /// attempts past their deadline (abandoned: another worker may take the job).
    private func heartbeatLoop() async {
        while !Task.isCancelled {
            try? await Task.sleep(for: configuration.visibilityTimeout / 3)
            let now = ContinuousClock.now
            let ids = state.withLock { $0.inFlight.filter { $0.value.deadline > now }.map(\.key) }
            guard !ids.isEmpty else { continue }
            do {
                try await store.heartbeat(ids, worker: consumer, lease: configuration.visibilityTimeout)
            } catch {
                logger.warning("could not extend job leases", metadata: ["error": "\(error)"])
            }
        }
    }
}

/// The outcome of one attempt, settled once: by its handler's task, or by the deadline.
final class AttemptOutcome: Sendable {
    private struct State {
        var result: Result<Void, any Error>?
        var waiter: CheckedContinuation<Result<Void, any Error>, Never>?
    }

    private let state = Mutex(State())

    func settle(_ result: Result<Void, any Error>) {
        let waiter = state.withLock { state -> CheckedContinuation<Result<Void, any Error>, Never>? in
            guard state.result == nil else { return nil }
            state.result = result
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(returning: result)
    }

    func wait() async -> Result<Void, any Error> {
        await withCheckedContinuation { continuation in
            let settled = state.withLock { state -> Result<Void, any Error>? in
                if state.result == nil { state.waiter = continuation }
                return state.result
            }
            if let settled { continuation.resume(returning: settled) }
        }
    }
}

extension Duration {
    var nanoseconds: Int64 { components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000 }
}
