import Dispatch
import Foundation
import Logging
import Metrics
import Pooling

/// Dedicated threads, each owning one connection in pipeline mode, that run one-shot
/// transactions in batches: a thread takes every queued request, sends them all, then reads
/// all their results. This is the hot path for reads that need no code between statements.
final class PipelineExecutor: Sendable {
    private let queue = BatchQueue<OneShotRequest>()
    private let stopped = DispatchGroup()
    private let requestsCounter = Counter(label: "postgres_pipeline_requests_total")
    private let batchesCounter = Counter(label: "postgres_pipeline_batches_total")

    init(configuration: PostgresConfiguration, logger: Logger) {
        for number in 0..<configuration.pipelineConnections {
            stopped.enter()
            let thread = Thread { [queue, stopped, requestsCounter, batchesCounter] in
                Self.work(
                    queue: queue, configuration: configuration, logger: logger,
                    requests: requestsCounter, batches: batchesCounter
                )
                stopped.leave()
            }
            thread.name = "postgres-pipeline-\(number)"
            thread.start()
        }
    }

    func submit(_ query: PostgresQuery, settings: [PostgresLocalSetting], scope: String) async throws -> PostgresRows {
        try await withCheckedThrowingContinuation { continuation in
            let request = OneShotRequest(settings: settings, scope: scope, query: query, continuation: continuation)
            if !queue.submit(request) {
                continuation.resume(throwing: PostgresError(.shutDown, "the PostgreSQL pipeline is shut down"))
            }
        }
    }

    /// Lets the threads finish what is queued, then waits for them to stop.
    func shutdown() async {
        queue.close()
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            stopped.notify(queue: .global()) { continuation.resume() }
        }
    }

    private static func work(queue: BatchQueue<OneShotRequest>, configuration: PostgresConfiguration, logger: Logger, requests: Counter, batches: Counter) {
        var connection: PGConnection?
        var cache = StatementCache(capacity: configuration.statementCacheCapacity)
        var lastBatchEnd = ContinuousClock.now
        while let batch = queue.take(limit: configuration.pipelineBatchLimit) {
            // A connection that sat idle may have been closed by a server restart: look before
            // sending (a non-blocking poll). Under steady load a failure shows in the results.
            if let current = connection, ContinuousClock.now - lastBatchEnd > .milliseconds(100), !current.checkAlive() {
                logger.info("PostgreSQL pipeline connection lost; reconnecting")
                connection = nil
            }
            if connection == nil {
                do {
                    let fresh = try PGConnection.connect(configuration, statementTimeout: configuration.pipelineStatementTimeout)
                    try fresh.enterPipelineMode()
                    cache.removeAll()
                    connection = fresh
                } catch {
                    let failure = error as? PostgresError ?? PostgresError(.connectionFailed, "\(error)")
                    for request in batch { request.continuation.resume(throwing: failure) }
                    continue
                }
            }
            guard let current = connection else { continue }
            let reusable = current.runPipeline(batch, cache: &cache) { index, outcome in
                batch[index].continuation.resume(with: outcome.mapError { $0 as any Error })
            }
            requests.increment(by: batch.count)
            batches.increment()
            if !reusable || !current.isConnected { connection = nil }
            lastBatchEnd = ContinuousClock.now
        }
    }
}
