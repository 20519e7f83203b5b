import Logging
import NIOPosix
@_exported import struct Pooling.PoolStatistics
import Pooling
import ServiceLifecycle

public typealias PostgresPoolStatistics = PoolStatistics

/// The process's access to PostgreSQL: a bounded pool for interactive work and pipeline
/// threads for one-shot statements. Run it in the service group; it closes everything on
/// graceful shutdown (or call `shutdown()` directly in command-line tools).
public final class PostgresClient: Service, Sendable {
    public let configuration: PostgresConfiguration
    private let pool: ObjectPool<PGConnection>
    /// Runs blocking libpq calls of leased connections: one thread per pooled connection, so
    /// a slow statement never starves another lease, and none runs on an event loop.
    private let threadPool: NIOThreadPool
    private let pipeline: PipelineExecutor?
    private let logger: Logger

    public init(configuration: PostgresConfiguration, logger: Logger) throws {
        try configuration.validate()
        self.configuration = configuration
        self.logger = logger
        let threadPool = NIOThreadPool(numberOfThreads: configuration.poolSize)
        threadPool.start()
        self.threadPool = threadPool
        self.pool = ObjectPool(
            name: "postgres",
            capacity: configuration.poolSize,
            leaseTimeout: configuration.leaseTimeout,
            hooks: .init(
                open: {
                    do {
                        return try await threadPool.runIfActive { try PGConnection.connect(configuration, statementTimeout: configuration.statementTimeout) }
                    } catch let error as PostgresError {
                        throw error
                    } catch {
                        throw PostgresError(.shutDown, "the PostgreSQL thread pool is not running: \(error)")
                    }
                },
                isAlive: { $0.checkAlive() },
                // A connection whose session state changed (a session-level SET, say) is closed
                // rather than handed to a caller who may serve another member.
                isReusable: { $0.isIdle && !$0.sessionStateChanged },
                timeoutError: { capacity, timeout in
                    PostgresError(.poolTimeout, "no PostgreSQL connection free after \(timeout) (all \(capacity) in use)")
                },
                shutDownError: { PostgresError(.shutDown, "the PostgreSQL pool is shut down") }
            ),
            logger: logger
        )
        self.pipeline = configuration.pipelineConnections > 0 ? PipelineExecutor(configuration: configuration, logger: logger) : nil
    }

    public var poolStatistics: PostgresPoolStatistics { pool.statistics }

    /// A client for the duration of `body`, shut down afterwards (command-line tools, tests).
    public static func with<T>(
        configuration: PostgresConfiguration, logger: Logger, _ body: (PostgresClient) async throws -> T
    ) async throws -> T {
        let client = try PostgresClient(configuration: configuration, logger: logger)
        do {
            let value = try await body(client)
            await client.shutdown()
            return value
        } catch {
            await client.shutdown()
            throw error
        }
    }

    /// Leases a connection for the closure's duration. `context` is added to errors.
    public func withConnection<T>(
        context: String? = nil,
        _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        let handle = try await pool.lease()
        let connection = PostgresConnection(handle: handle, threadPool: threadPool, context: context)
        defer {
            if let handle = connection.invalidate() { pool.release(handle) }
        }
        return try await body(connection)
    }

    /// Runs the closure in a transaction: `BEGIN` plus the local settings in one round trip,
    /// `COMMIT` if it returns, `ROLLBACK` if it throws. If the server answers the `COMMIT` with
    /// `ROLLBACK` (a statement failed and the closure caught its error), this throws
    /// `PostgresError.Code.rolledBack`: nothing was kept. Use `withSavepoint` to recover from an
    /// error inside the transaction.
    public func withTransaction<T>(
        settings: [PostgresLocalSetting] = [],
        context: String? = nil,
        _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        try await withConnection(context: context) { connection in
            try await connection.control((["BEGIN"] + settings.map(\.statement)).joined(separator: "; "))
            let value: T
            do {
                value = try await body(connection)
            } catch {
                do {
                    try await connection.control("ROLLBACK")
                } catch {
                    logger.debug("rollback failed; the connection will be discarded", metadata: ["error": "\(error)"])
                }
                throw error
            }
            try await connection.commit()
            return value
        }
    }

    /// Runs one statement on a pooled connection, outside any explicit transaction.
    @discardableResult
    public func query(_ query: PostgresQuery, context: String? = nil) async throws -> PostgresRows {
        try await withConnection(context: context) { try await $0.query(query) }
    }

    /// Runs one statement as its own transaction on a pipeline connection, after the local
    /// settings. The statement is prepared once per `scope` and connection; pass the same scope
    /// for every call whose settings resolve names the same way (e.g. the tenant's schema).
    public func oneShot(
        _ query: PostgresQuery,
        settings: [PostgresLocalSetting],
        scope: String,
        context: String? = nil
    ) async throws -> PostgresRows {
        guard let pipeline else {
            return try await withTransaction(settings: settings, context: context) { try await $0.query(query) }
        }
        do {
            return try await pipeline.submit(query, settings: settings, scope: scope)
        } catch let error as PostgresError {
            throw context.map { error.adding(context: $0) } ?? error
        }
    }

    public func run() async throws {
        try? await gracefulShutdown()
        await shutdown()
    }

    public func shutdown() async {
        await pipeline?.shutdown()
        pool.shutdown()
        try? await threadPool.shutdownGracefully()
    }
}
