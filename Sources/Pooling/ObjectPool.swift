import Logging
import Metrics
import NIOConcurrencyHelpers

/// A bounded pool of connections (or any costly object), shared by the whole process.
///
/// The wrappers (`Postgres`, `Redis`) give it how to open a connection, how to tell that an
/// idle one is still alive, and how to phrase their errors; `PoolStateMachine` decides.
public final class ObjectPool<Connection: AnyObject & Sendable>: Sendable {
    public typealias Machine = PoolStateMachine<Connection>

    /// What the owner of the pool supplies.
    public struct Hooks: Sendable {
        /// Opens a new connection (may block on a thread pool; must not run on an event loop).
        public var open: @Sendable () async throws -> Connection
        /// Cheap, non-blocking check of an idle connection before it is handed out.
        public var isAlive: @Sendable (Connection) -> Bool
        /// Whether a returned connection may be reused (not broken, not mid-transaction).
        public var isReusable: @Sendable (Connection) -> Bool
        /// The error thrown when no connection became free in time.
        public var timeoutError: @Sendable (_ capacity: Int, _ timeout: Duration) -> any Error
        /// The error thrown after shutdown.
        public var shutDownError: @Sendable () -> any Error

        public init(
            open: @escaping @Sendable () async throws -> Connection,
            isAlive: @escaping @Sendable (Connection) -> Bool,
            isReusable: @escaping @Sendable (Connection) -> Bool,
            timeoutError: @escaping @Sendable (Int, Duration) -> any Error,
            shutDownError: @escaping @Sendable () -> any Error
        ) {
            self.open = open
            self.isAlive = isAlive
            self.isReusable = isReusable
            self.timeoutError = timeoutError
            self.shutDownError = shutDownError
        }
    }

    private struct State: Sendable {
        var machine: Machine
        var continuations: [Int: CheckedContinuation<Machine.Grant, any Error>] = [:]
        var nextWaiterID = 0
    }

    private let state: NIOLockedValueBox<State>
    private let hooks: Hooks
    private let leaseTimeout: Duration
    private let metrics: PoolMetrics
    private let logger: Logger

    /// - Parameter name: metric prefix, e.g. `postgres` gives `postgres_pool_connections`.
    public init(name: String, capacity: Int, leaseTimeout: Duration, hooks: Hooks, logger: Logger) {
        self.state = NIOLockedValueBox(State(machine: Machine(maxConnections: capacity)))
        self.hooks = hooks
        self.leaseTimeout = leaseTimeout
        self.metrics = PoolMetrics(name: name, capacity: capacity)
        self.logger = logger
    }

    public var statistics: PoolStatistics {
        state.withLockedValue { state in
            PoolStatistics(
                capacity: state.machine.maxConnections, leased: state.machine.leased,
                idle: state.machine.idle.count, opening: state.machine.opening, waiting: state.machine.waiters.count
            )
        }
    }

    /// Leases a connection: an idle live one, a new one, or the next one released.
    public func lease() async throws -> Connection {
        switch try await acquireGrant() {
        case .connection(let connection):
            if hooks.isAlive(connection) { return connection }
            logger.debug("discarding a pooled connection found closed", metadata: ["pool": "\(metrics.name)"])
            state.withLockedValue { $0.machine.discardLeased() }
            return try await open()
        case .openSlot:
            return try await open()
        }
    }

    /// Gives a connection back; one that is not reusable is dropped (its deinit closes it).
    public func release(_ connection: Connection) {
        let reusable = hooks.isReusable(connection)
        let (action, continuation) = state.withLockedValue { state in
            let action = state.machine.release(connection, reusable: reusable)
            return (action, action.wake.flatMap { state.continuations.removeValue(forKey: $0.0) })
        }
        if let (_, grant) = action.wake { continuation?.resume(returning: grant) }
        publishMetrics()
    }

    /// Fails waiters and drops idle connections; leased ones are dropped when released.
    public func shutdown() {
        let toFail = state.withLockedValue { state in
            let (_, fail) = state.machine.shutDown()
            return fail.compactMap { state.continuations.removeValue(forKey: $0) }
        }
        for continuation in toFail { continuation.resume(throwing: hooks.shutDownError()) }
        publishMetrics()
    }

    private func acquireGrant() async throws -> Machine.Grant {
        try await withCheckedThrowingContinuation { continuation in
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
                continuation.resume(throwing: hooks.shutDownError())
            case .wait:
                let timeout = leaseTimeout
                Task { [weak self] in
                    try? await Task.sleep(for: timeout)
                    self?.giveUp(id)
                }
            }
            publishMetrics()
        }
    }

    private func giveUp(_ id: Int) {
        let continuation = state.withLockedValue { state in
            state.machine.cancel(id) ? state.continuations.removeValue(forKey: id) : nil
        }
        guard let continuation else { return }
        let capacity = statistics.capacity
        logger.warning("connection pool exhausted", metadata: ["pool": "\(metrics.name)", "pool.capacity": "\(capacity)"])
        metrics.timeouts.increment()
        continuation.resume(throwing: hooks.timeoutError(capacity, leaseTimeout))
        publishMetrics()
    }

    private func open() async throws -> Connection {
        do {
            let connection = try await hooks.open()
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
            throw error
        }
    }

    private func publishMetrics() {
        metrics.publish(statistics)
    }
}

/// A snapshot of a pool, for `/metrics` and `/readyz`.
public struct PoolStatistics: Sendable, Equatable {
    public var capacity: Int
    public var leased: Int
    public var idle: Int
    public var opening: Int
    public var waiting: Int
}
