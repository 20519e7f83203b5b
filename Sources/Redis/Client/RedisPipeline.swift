import Dispatch
import Foundation
import Logging
import Pooling

/// A dedicated thread owning one connection that sends every queued command in one write and
/// reads all the replies back: the hot path for one-command lookups (sessions, tokens) from
/// many concurrent requests, without a pool lease or a thread hop per command.
final class RedisPipeline: Sendable {
    struct Request: Sendable {
        var command: RedisCommand
        var continuation: CheckedContinuation<RedisReply, any Error>
    }

    private let queue = BatchQueue<Request>()
    private let stopped = DispatchGroup()

    init(configuration: RedisConfiguration, logger: Logger) {
        stopped.enter()
        let thread = Thread { [queue, stopped] in
            Self.work(queue: queue, configuration: configuration, logger: logger)
            stopped.leave()
        }
        thread.name = "redis-pipeline"
        thread.start()
    }

    func send(_ command: RedisCommand) async throws -> RedisReply {
        try await withCheckedThrowingContinuation { continuation in
            if !queue.submit(Request(command: command, continuation: continuation)) {
                continuation.resume(throwing: RedisError(.shutDown, "the Redis pipeline is shut down", command: command.verb))
            }
        }
    }

    func shutdown() async {
        queue.close()
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            stopped.notify(queue: .global()) { continuation.resume() }
        }
    }

    private static func work(queue: BatchQueue<Request>, configuration: RedisConfiguration, logger: Logger) {
        var connection: HiredisConnection?
        while let batch = queue.take(limit: 256) {
            if let current = connection, !current.checkAlive() { connection = nil }
            if connection == nil {
                do {
                    connection = try HiredisConnection.connect(configuration)
                } catch {
                    for request in batch { request.continuation.resume(throwing: error) }
                    continue
                }
            }
            guard let current = connection else { continue }
            do {
                let replies = try current.pipeline(batch.map(\.command))
                for (request, reply) in zip(batch, replies) {
                    if case .error(let message) = reply {
                        request.continuation.resume(throwing: RedisError(.server, message, command: request.command.verb))
                    } else {
                        request.continuation.resume(returning: reply)
                    }
                }
            } catch {
                logger.debug("Redis pipeline connection lost", metadata: ["error": "\(error)"])
                for request in batch { request.continuation.resume(throwing: error) }
                connection = nil
            }
        }
    }
}
