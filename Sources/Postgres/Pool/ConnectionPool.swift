import Logging
import Metrics
import NIOConcurrencyHelpers
import NIOPosix

/// One bounded pool of libpq connections for the whole process and every tenant.
///
/// Blocking libpq calls run on `threadPool` (one thread per connection, so a slow statement
/// never starves another lease), never on SwiftNIO event-loop threads.
final class ConnectionPool: Sendable {
    typealias Machine = PoolStateMachine<PGConnection>

    private struct State {
        var machine: Machine
        var continuations: [Int: CheckedContinuation<Machine.Grant, any Error>] = [:]
        var nextWaiterID = 0
    }

    let configuration: PostgresConfiguration
    let threadPool: NIOThreadPool
    private let state: NIOLockedValueBox<State>
    private let metrics: PoolMetrics
    private let logger: Logger

    init(configuration: PostgresConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
        self.state = NIOLockedValueBox(State(machine: Machine(maxConnections: configuration.poolSize)))
        self.metrics = PoolMetrics(capacity: configuration.poolSize)
        self.threadPool = NIOThreadPool(numberOfThreads: configuration.poolSize)
        threadPool.start()
    }

    var statistics: PostgresPoolStatistics {
        state.withLockedValue { state in
            PostgresPoolStatistics(
                capacity: state.machine.maxConnections, leased: state.machine.leased,
                idle: state.machine.idle.count, opening: state.machine.opening, waiting: state.machine.waiters.count
            )
        }
    }

    /// Leases a connection: an idle live one, a new one, or the next one released.
    func lease() async throws -> PGConnection {
        let grant = try await acquireGrant()
        switch grant {
        case .connection(let connection):
            if connection.checkAlive() { return connection }
            logger.debug("discarding a pooled PostgreSQL connection found closed")
            state.withLockedValue { $0.machine.discardLeased() }
            return try await open()
        case .openSlot:
            return try await open()
        }
    }

    /// Gives a connection back. One left mid-transaction or broken is closed, not reused.
    func release(_ connection: PGConnection) {
        let reusable = connection.isIdle
        let (action, continuation) = state.withLockedValue { state in
            let action = state.machine.release(connection, reusable: reusable)
            return (action, action.wake.flatMap { state.continuations.removeValue(forKey: $0.0) })
        }
        if let (_, grant) = action.wake { continuation?.resume(returning: grant) }
        publishMetrics()
    }

    func shutdown() async {
        let (toClose, toFail) = state.withLockedValue { state in
            let (close, fail) = state.machine.shutDown()
            return (close, fail.compactMap { state.continuations.removeValue(forKey: $0) })
        }
        for continuation in toFail {
            continuation.resume(throwing: PostgresError(.shutDown, "the PostgreSQL pool is shutting down"))
        }
        _ = toClose  // released here: deinit closes each handle
        try? await threadPool.shutdownGracefully()
    }

    private func acquireGrant() async throws -> Machine.Grant {
        let leaseTimeout = configuration.leaseTimeout
        return try await withCheckedThrowingContinuation { continuation in
            let (id, action) = state.withLockedValue { state in
                let id = state.nextWaiterID
                state.nextWaiterID += 1
                let action = state.machine.lease(id)
                if case .wait = action { state.continuations[id] = continuation }
                return (id, action)
            }
            switch action {
            case .use(let connection):
                continuation.resume(returning: .connection(connection))
            case .open:
                continuation.resume(returning: .openSlot)
            case .fail:
                continuation.resume(throwing: PostgresError(.shutDown, "the PostgreSQL pool is shut down"))
            case .wait:
                Task { [weak self] in
                    try? await Task.sleep(for: leaseTimeout)
                    self?.giveUp(id, after: leaseTimeout)
                }
            }
            publishMetrics()
        }
    }

    private func giveUp(_ id: Int, after timeout: Duration) {
        let continuation = state.withLockedValue { state in
            state.machine.cancel(id) ? state.continuations.removeValue(forKey: id) : nil
        }
        guard let continuation else { return }
        logger.warning("PostgreSQL pool exhausted", metadata: ["pool.capacity": "\(configuration.poolSize)"])
        metrics.timeouts.increment()
        continuation.resume(throwing: PostgresError(
            .poolTimeout, "no PostgreSQL connection free after \(timeout) (all \(configuration.poolSize) in use)"
        ))
        publishMetrics()
    }

    private func open() async throws -> PGConnection {
        let configuration = configuration
        do {
            let connection = try await threadPool.runIfActive { try PGConnection.connect(configuration) }
            state.withLockedValue { $0.machine.opened() }
            publishMetrics()
            return connection
        } catch {
            let (action, continuation) = state.withLockedValue { state in
                let action = state.machine.openFailed()
                return (action, action.wake.flatMap { state.continuations.removeValue(forKey: $0.0) })
            }
            if let (_, grant) = action.wake { continuation?.resume(returning: grant) }
            publishMetrics()
            if let error = error as? PostgresError { throw error }
            throw PostgresError(.shutDown, "the PostgreSQL thread pool is not running: \(error)")
        }
    }

    private func publishMetrics() {
        metrics.publish(statistics)
    }
}

/// A snapshot of the pool, for `/metrics` and `/readyz`.
public struct PostgresPoolStatistics: Sendable, Equatable {
    public var capacity: Int
    public var leased: Int
    public var idle: Int
    public var opening: Int
    public var waiting: Int
}
