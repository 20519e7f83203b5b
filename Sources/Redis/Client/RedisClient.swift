import Logging
import NIOPosix
@_exported import struct Pooling.PoolStatistics
import Pooling
import ServiceLifecycle

/// The process's access to Redis: a bounded pool of hiredis connections whose blocking calls
/// run on a dedicated thread pool. Run it in the service group, or call `shutdown()`.
public final class RedisClient: Service, Sendable {
    public let configuration: RedisConfiguration
    private let pool: ObjectPool<HiredisConnection>
    private let threadPool: NIOThreadPool
    private let pipelineThread: RedisPipeline

    public init(configuration: RedisConfiguration, logger: Logger) {
        self.configuration = configuration
        let threadPool = NIOThreadPool(numberOfThreads: configuration.poolSize)
        threadPool.start()
        self.threadPool = threadPool
        self.pipelineThread = RedisPipeline(configuration: configuration, logger: logger)
        self.pool = ObjectPool(
            name: "redis",
            capacity: configuration.poolSize,
            leaseTimeout: configuration.leaseTimeout,
            hooks: .init(
                open: {
                    do {
                        return try await threadPool.runIfActive { try HiredisConnection.connect(configuration) }
                    } catch let error as RedisError {
                        throw error
                    } catch {
                        throw RedisError(.shutDown, "the Redis thread pool is not running: \(error)")
                    }
                },
                isAlive: { $0.checkAlive() },
                isReusable: { !$0.isBroken },
                timeoutError: { capacity, timeout in
                    RedisError(.poolTimeout, "no Redis connection free after \(timeout) (all \(capacity) in use)")
                },
                shutDownError: { RedisError(.shutDown, "the Redis pool is shut down") }
            ),
            logger: logger
        )
    }

    public var poolStatistics: PoolStatistics { pool.statistics }

    /// A client for the duration of `body`, shut down afterwards (command-line tools, tests).
    public static func with<T>(
        configuration: RedisConfiguration, logger: Logger, _ body: (RedisClient) async throws -> T
    ) async throws -> T {
        let client = RedisClient(configuration: configuration, logger: logger)
        do {
            let value = try await body(client)
            await client.shutdown()
            return value
        } catch {
            await client.shutdown()
            throw error
        }
    }

    public func withConnection<T>(_ body: (RedisConnection) async throws -> T) async throws -> T {
        let handle = try await pool.lease()
        let connection = RedisConnection(handle: handle, threadPool: threadPool)
        defer {
            if let handle = connection.invalidate() { pool.release(handle) }
        }
        return try await body(connection)
    }

    /// Sends one command on a pooled connection; an error reply is thrown.
    @discardableResult
    public func send(_ command: RedisCommand) async throws -> RedisReply {
        try await withConnection { try await $0.send(command) }
    }

    @discardableResult
    public func send(_ verb: String, _ arguments: any RedisArgument...) async throws -> RedisReply {
        try await send(RedisCommand(verb, arguments: arguments))
    }

    /// Sends one command through the shared pipeline thread, batched with other callers'
    /// commands: the fast road for single lookups under load. An error reply is thrown.
    @discardableResult
    public func pipelined(_ command: RedisCommand) async throws -> RedisReply {
        try await pipelineThread.send(command)
    }

    /// Sends commands in one write on one connection; replies in order (errors as `.error`).
    public func pipeline(_ commands: [RedisCommand]) async throws -> [RedisReply] {
        try await withConnection { try await $0.pipeline(commands) }
    }

    public func run() async throws {
        try? await gracefulShutdown()
        await shutdown()
    }

    public func shutdown() async {
        await pipelineThread.shutdown()
        pool.shutdown()
        try? await threadPool.shutdownGracefully()
    }
}
